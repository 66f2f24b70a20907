package io.github.workerskv.kv.spring.data;

/** What one query cost, for the debug log line: list pages, keys listed, bulk reads, values read. */
final class QueryStats {

	private int listRequests;

	private long keysListed;

	private int bulkReads;

	private long valuesRead;

	void listed(int keys) {
		this.listRequests++;
		this.keysListed += keys;
	}

	void read(int values) {
		this.bulkReads++;
		this.valuesRead += values;
	}

	int listRequests() {
		return this.listRequests;
	}

	int bulkReads() {
		return this.bulkReads;
	}

	@Override
	public String toString() {
		return this.listRequests + " list request(s) for " + this.keysListed + " key(s), " + this.bulkReads
				+ " bulk read(s) of " + this.valuesRead + " value(s)";
	}

}
