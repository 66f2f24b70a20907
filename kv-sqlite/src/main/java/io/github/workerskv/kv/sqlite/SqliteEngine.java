package io.github.workerskv.kv.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.github.workerskv.kv.KVStorageException;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import io.github.workerskv.kv.local.spi.StorageEngine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Keeps every namespace in one SQLite file, through sqlite-jdbc.
 *
 * <h2>Schema (version 1, kept in {@code PRAGMA user_version})</h2>
 * <pre>
 * entries(generation INTEGER PRIMARY KEY AUTOINCREMENT, namespace TEXT, key BLOB, size INTEGER,
 *         expiration INTEGER NULL, metadata TEXT NULL, UNIQUE (namespace, key))
 * chunks(generation INTEGER, seq INTEGER, data BLOB, PRIMARY KEY (generation, seq))
 * trigger entries_delete_chunks: deleting an entry deletes its chunks
 * </pre>
 * A key is the BLOB of its UTF-8 bytes, so SQLite's memcmp order of BLOBs is KV's order; a prefix is
 * the key range {@code [prefix, prefix with its last byte incremented)}, which works for any bytes,
 * NUL included. A value is split into chunks of at most {@value #CHUNK_BYTES} bytes numbered from 0;
 * an empty value has none. Every put inserts a new entry row, and AUTOINCREMENT guarantees that its
 * generation is never reused, so a chunk row always belongs to exactly one version of one value. A
 * later schema bumps {@code user_version} and adds a step to {@link #migrate}.
 *
 * <h2>Durability</h2>
 * The file is in WAL mode with {@code synchronous=FULL}: a put, delete or drop is one transaction,
 * and when it returns its commit has been fsynced to the WAL, so it survives a crash or
 * {@code kill -9}; an interrupted transaction is rolled back when the file is next opened. A put
 * whose value stream fails or passes 25 MiB rolls back and leaves the previous value in place.
 * Expired entries are skipped by every read and deleted when a read meets them, if no write is in
 * progress at that moment.
 *
 * <h2>Concurrency</h2>
 * One writer connection, guarded by a lock, runs every write, so writes are serialised and the last
 * one to take the lock wins. Puts of values given as bytes or as a stream that ends within its first chunk
 * (as the emulator's PUTs of small values are), and deletes, are group-committed: writes that
 * arrive while a transaction commits wait, and the next holder of the lock commits all of them (at most
 * {@value #MAX_GROUP}) in one transaction, each in its own savepoint, with one fsync; every one of them
 * returns only after that commit, so the durability above holds for each. Reads use a small pool of reader connections; in WAL mode they proceed
 * while a write is in progress (for example a slow stream being stored) and see every commit that
 * returned before they started. A streamed value reads one chunk per query, each through a reader
 * for just that query; if the value was overwritten or deleted meanwhile its chunks are gone, and
 * the stream fails with an {@link IOException} rather than continue with other bytes. A read-write
 * lock around the connections lets {@link #close()} wait for running calls.
 */
final class SqliteEngine implements StorageEngine {

	static final int SCHEMA_VERSION = 1;

	static final int CHUNK_BYTES = 1024 * 1024;

	/** The buffer a streamed value's first chunk is read into first; it grows up to {@link #CHUNK_BYTES}. */
	private static final int FIRST_BUFFER_BYTES = 16 * 1024;

	private static final int MAX_READERS = 4;

	private static final int BUSY_TIMEOUT_MILLIS = 10_000;

	/** Most writes committed in one transaction of a group commit. */
	private static final int MAX_GROUP = 256;

	private static final Logger logger = LoggerFactory.getLogger(SqliteEngine.class);

	private static final String[] SCHEMA = {
		"""
		CREATE TABLE entries (
			generation INTEGER PRIMARY KEY AUTOINCREMENT,
			namespace TEXT NOT NULL,
			key BLOB NOT NULL CHECK (typeof(key) = 'blob'),
			size INTEGER NOT NULL,
			expiration INTEGER,
			metadata TEXT,
			UNIQUE (namespace, key)
		)""",
		"""
		CREATE TABLE chunks (
			generation INTEGER NOT NULL,
			seq INTEGER NOT NULL,
			data BLOB NOT NULL,
			PRIMARY KEY (generation, seq)
		)""",
		"""
		CREATE TRIGGER entries_delete_chunks AFTER DELETE ON entries BEGIN
			DELETE FROM chunks WHERE generation = OLD.generation;
		END""" };

	private final Path file;

	private final Connection writer;

	private final Lock writeLock = new ReentrantLock();

	/** Writes waiting for a group commit ({@link #commitGrouped}). */
	private final Queue<GroupedWrite> queued = new ConcurrentLinkedQueue<>();

	/** Prepared on first use, used and closed under the write lock. */
	private @Nullable WriterStatements statements;

	private final Deque<Connection> idleReaders = new ArrayDeque<>();

	private final List<Connection> readers = new ArrayList<>();

	private final Lock readerPoolLock = new ReentrantLock();

	private final Condition readerReturned = this.readerPoolLock.newCondition();

	private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

	private boolean closed;

	private SqliteEngine(Path file, Connection writer) {
		this.file = file;
		this.writer = writer;
	}

	/**
	 * Opens the store in this file, creating the file, its parent directories and the schema if needed.
	 * @param file the SQLite file
	 * @return the engine
	 * @throws KVStorageException if the file cannot be created or opened, is not a SQLite database, or
	 * holds a store of a newer schema
	 */
	static SqliteEngine open(Path file) {
		Path path = file.toAbsolutePath().normalize();
		if (Files.isDirectory(path)) {
			throw new KVStorageException("Cannot open the KV store " + path
					+ ": it is a directory. Point persistPath at a file, for example " + path.resolve("kv.sqlite")
					+ ".", null);
		}
		Path parent = path.getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			try {
				Files.createDirectories(parent);
			}
			catch (IOException ex) {
				throw new KVStorageException("Cannot create the directory " + parent + " for the KV store " + path
						+ " (" + ex + "). Create it, or point persistPath at a writable location.", ex);
			}
		}
		Connection writer = connect(path);
		try {
			configure(writer, path);
			migrate(writer, path);
			return new SqliteEngine(path, writer);
		}
		catch (RuntimeException ex) {
			closeQuietly(writer, ex);
			throw ex;
		}
	}

	@Override
	public @Nullable StoredValue get(String namespace, byte[] key, long nowSeconds, boolean preferStream) {
		this.lifecycle.readLock().lock();
		try {
			checkOpen();
			Found found = withReader((connection) -> find(connection, namespace, key, preferStream), "read", key);
			if (found == null) {
				return null;
			}
			if (isExpired(found.expiration(), nowSeconds)) {
				purgeIfIdle(List.of(found.generation()), nowSeconds);
				return null;
			}
			if (!preferStream) {
				return StoredValue.ofBytes(found.bytes(), found.metadataJson(), found.expiration());
			}
			InputStream stream = new ChunkInputStream(namespace, key, found.generation(), found.size(),
					found.bytes());
			return StoredValue.ofStream(stream, found.metadataJson(), found.expiration());
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	@Override
	public void put(String namespace, byte[] key, ValueSource value, @Nullable Long expiration,
			@Nullable String metadataJson) {
		this.lifecycle.readLock().lock();
		try {
			checkOpen();
			Chunker chunker = new Chunker(value, namespace, key);
			if (value.bytes() != null) {
				commitGrouped(new GroupedWrite("write", key,
						() -> replace(namespace, key, chunker.next(), chunker, expiration, metadataJson)));
				return;
			}
			byte[] first = chunker.next();
			if (chunker.ended()) {
				// the whole value was read with its first chunk: it is written like a value given as bytes
				commitGrouped(new GroupedWrite("write", key,
						() -> replace(namespace, key, first, chunker, expiration, metadataJson)));
				return;
			}
			this.writeLock.lock();
			try {
				inTransaction(() -> replace(namespace, key, first, chunker, expiration, metadataJson), "write", key);
			}
			finally {
				this.writeLock.unlock();
			}
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	@Override
	public void putAll(String namespace, List<Write> writes) {
		if (writes.isEmpty()) {
			return;
		}
		write("bulk write", null, (connection) -> {
			for (Write write : writes) {
				Chunker chunker = new Chunker(ValueSource.of(write.value()), namespace, write.key());
				replace(namespace, write.key(), chunker.next(), chunker, write.expiration(), write.metadataJson());
			}
		});
	}

	@Override
	public void deleteAll(String namespace, List<byte[]> keys) {
		if (keys.isEmpty()) {
			return;
		}
		write("bulk delete", null, (connection) -> {
			try (PreparedStatement delete = connection
				.prepareStatement("DELETE FROM entries WHERE namespace = ? AND key = ?")) {
				for (byte[] key : keys) {
					delete.setString(1, namespace);
					delete.setBytes(2, key);
					delete.executeUpdate();
				}
			}
		});
	}

	/** Replaces one entry and its chunks; the caller holds the write lock inside a transaction. */
	private void replace(String namespace, byte[] key, byte @Nullable [] first, Chunker chunker,
			@Nullable Long expiration, @Nullable String metadataJson) throws SQLException {
		WriterStatements statements = statements();
		statements.deleteEntry.setString(1, namespace);
		statements.deleteEntry.setBytes(2, key);
		statements.deleteEntry.executeUpdate();
		long knownSize = chunker.knownSize();
		statements.insertEntry.setString(1, namespace);
		statements.insertEntry.setBytes(2, key);
		statements.insertEntry.setLong(3, Math.max(0, knownSize));
		setNullableLong(statements.insertEntry, 4, expiration);
		statements.insertEntry.setString(5, metadataJson);
		statements.insertEntry.executeUpdate();
		long generation;
		try (ResultSet rs = statements.lastRowId.executeQuery()) {
			rs.next();
			generation = rs.getLong(1);
		}
		long size = 0;
		int seq = 0;
		for (byte[] data = first; data != null; data = chunker.next()) {
			statements.insertChunk.setLong(1, generation);
			statements.insertChunk.setInt(2, seq++);
			statements.insertChunk.setBytes(3, data);
			statements.insertChunk.executeUpdate();
			size += data.length;
		}
		if (size != knownSize) {
			statements.updateSize.setLong(1, size);
			statements.updateSize.setLong(2, generation);
			statements.updateSize.executeUpdate();
		}
	}

	@Override
	public void delete(String namespace, byte[] key) {
		this.lifecycle.readLock().lock();
		try {
			checkOpen();
			commitGrouped(new GroupedWrite("delete", key, () -> {
				PreparedStatement delete = statements().deleteEntry;
				delete.setString(1, namespace);
				delete.setBytes(2, key);
				delete.executeUpdate();
			}));
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	@Override
	public List<Entry> list(String namespace, byte[] prefix, byte @Nullable [] startAfter, int count,
			long nowSeconds) {
		this.lifecycle.readLock().lock();
		try {
			checkOpen();
			List<Entry> page = new ArrayList<>();
			List<Long> expired = new ArrayList<>();
			if (count <= 0) {
				return page;
			}
			boolean afterCursor = startAfter != null && Arrays.compareUnsigned(startAfter, prefix) >= 0;
			byte[] lower = (afterCursor && startAfter != null) ? startAfter : prefix;
			byte[] upper = successor(prefix);
			StringBuilder sql = new StringBuilder(
					"SELECT generation, key, expiration, metadata FROM entries WHERE namespace = ?");
			if (lower.length > 0) {
				sql.append(afterCursor ? " AND key > ?" : " AND key >= ?");
			}
			if (upper != null) {
				sql.append(" AND key < ?");
			}
			sql.append(" ORDER BY key");
			withReader((connection) -> {
				try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
					int index = 1;
					select.setString(index++, namespace);
					if (lower.length > 0) {
						select.setBytes(index++, lower);
					}
					if (upper != null) {
						select.setBytes(index, upper);
					}
					try (ResultSet rs = select.executeQuery()) {
						while (page.size() < count && rs.next()) {
							Long expiration = getNullableLong(rs, 3);
							if (isExpired(expiration, nowSeconds)) {
								expired.add(rs.getLong(1));
							}
							else {
								page.add(new Entry(rs.getBytes(2), expiration, rs.getString(4)));
							}
						}
					}
				}
				return null;
			}, "list", null);
			if (!expired.isEmpty()) {
				purgeIfIdle(expired, nowSeconds);
			}
			return page;
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	@Override
	public List<String> namespaces() {
		this.lifecycle.readLock().lock();
		try {
			checkOpen();
			List<String> ids = withReader((connection) -> {
				List<String> found = new ArrayList<>();
				try (Statement statement = connection.createStatement();
						ResultSet rs = statement.executeQuery("SELECT DISTINCT namespace FROM entries")) {
					while (rs.next()) {
						found.add(rs.getString(1));
					}
				}
				return found;
			}, "list the namespaces of", null);
			return Objects.requireNonNull(ids).stream().sorted().toList();
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	@Override
	public void dropNamespace(String namespace) {
		write("drop a namespace of", null, (connection) -> {
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM entries WHERE namespace = ?")) {
				delete.setString(1, namespace);
				delete.executeUpdate();
			}
		});
	}

	@Override
	public void close() {
		this.lifecycle.writeLock().lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.statements = null;
			SQLException failure = null;
			List<Connection> all = new ArrayList<>(this.readers);
			all.add(this.writer);
			for (Connection connection : all) {
				try {
					connection.close();
				}
				catch (SQLException ex) {
					if (failure == null) {
						failure = ex;
					}
					else {
						failure.addSuppressed(ex);
					}
				}
			}
			this.readers.clear();
			this.idleReaders.clear();
			if (failure != null) {
				throw new KVStorageException("Could not close the KV store " + this.file + ": " + failure.getMessage(),
						failure);
			}
		}
		finally {
			this.lifecycle.writeLock().unlock();
		}
	}

	@Override
	public String toString() {
		return "SqliteEngine[" + this.file + "]";
	}

	// ---- opening ------------------------------------------------------------------------------

	private static Connection connect(Path path) {
		String name = path.toString();
		if (name.indexOf('?') >= 0) {
			throw new KVStorageException("Cannot open the KV store " + path
					+ ": sqlite-jdbc reads a '?' in the file name as the start of options. Choose a path without '?'.",
					null);
		}
		try {
			return DriverManager.getConnection("jdbc:sqlite:" + name);
		}
		catch (SQLException ex) {
			throw openFailure(path, ex);
		}
	}

	/** Checks what the file holds before anything is written to it, then switches it to WAL. */
	private static void configure(Connection connection, Path path) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
			checkSchemaVersion(statement, path);
			try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
				String mode = rs.next() ? rs.getString(1) : null;
				if (!"wal".equalsIgnoreCase(mode)) {
					throw new KVStorageException("Cannot open the KV store " + path
							+ ": SQLite refused WAL journal mode (got " + mode
							+ "). Put the file on a local file system that supports shared memory.", null);
				}
			}
			statement.execute("PRAGMA synchronous = FULL");
			statement.execute("PRAGMA journal_size_limit = " + (64L * CHUNK_BYTES));
		}
		catch (SQLException ex) {
			throw openFailure(path, ex);
		}
	}

	private static void migrate(Connection connection, Path path) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			try {
				int version = checkSchemaVersion(statement, path);
				if (version == 0) {
					for (String ddl : SCHEMA) {
						statement.execute(ddl);
					}
					statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
				}
				statement.execute("COMMIT");
			}
			catch (RuntimeException | SQLException ex) {
				try {
					statement.execute("ROLLBACK");
				}
				catch (SQLException rollback) {
					ex.addSuppressed(rollback);
				}
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw openFailure(path, ex);
		}
	}

	/** @return the schema version of the file, 0 for a new, empty database */
	private static int checkSchemaVersion(Statement statement, Path path) throws SQLException {
		int version = queryInt(statement, "PRAGMA user_version");
		if (version > SCHEMA_VERSION) {
			throw new KVStorageException("Cannot open the KV store " + path + ": its schema version " + version
					+ " is newer than this library's " + SCHEMA_VERSION
					+ ". Upgrade workers-kv, or point persistPath at another file.", null);
		}
		if (version == 0 && queryInt(statement, "SELECT count(*) FROM sqlite_schema") > 0) {
			throw new KVStorageException("Cannot open the KV store " + path
					+ ": it is a SQLite database of another application. Point persistPath at a new file.", null);
		}
		return version;
	}

	private static int queryInt(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			return rs.next() ? rs.getInt(1) : 0;
		}
	}

	private static KVStorageException openFailure(Path path, SQLException ex) {
		if (ex instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
				|| sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
			return new KVStorageException("Cannot open the KV store " + path + ": it is not a SQLite database ("
					+ ex.getMessage() + "). Point persistPath at a new file or at a store this library created.", ex);
		}
		return new KVStorageException("Cannot open the KV store " + path + ": " + ex.getMessage()
				+ ". Check that the file and its directory are readable and writable.", ex);
	}

	// ---- reading ------------------------------------------------------------------------------

	/** Reads the entry and, in the same statement and so the same snapshot, its first or every chunk. */
	private @Nullable Found find(Connection connection, String namespace, byte[] key, boolean firstChunkOnly)
			throws SQLException {
		String sql = "SELECT e.generation, e.size, e.expiration, e.metadata, c.data FROM entries e"
				+ " LEFT JOIN chunks c ON c.generation = e.generation" + (firstChunkOnly ? " AND c.seq = 0" : "")
				+ " WHERE e.namespace = ? AND e.key = ? ORDER BY c.seq";
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, namespace);
			select.setBytes(2, key);
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				long generation = rs.getLong(1);
				long size = rs.getLong(2);
				Long expiration = getNullableLong(rs, 3);
				String metadata = rs.getString(4);
				byte[] bytes;
				if (firstChunkOnly) {
					byte[] data = rs.getBytes(5);
					bytes = (data != null) ? data : new byte[0];
				}
				else {
					bytes = new byte[Math.toIntExact(size)];
					int length = 0;
					do {
						byte[] data = rs.getBytes(5);
						if (data == null) {
							break;
						}
						if (length + data.length > bytes.length) {
							throw new SQLException("entry " + generation + " has more bytes in its chunks than its size "
									+ size);
						}
						System.arraycopy(data, 0, bytes, length, data.length);
						length += data.length;
					}
					while (rs.next());
					if (length != bytes.length) {
						throw new SQLException("entry " + generation + " has " + length + " bytes in its chunks, not "
								+ size);
					}
				}
				return new Found(generation, size, expiration, metadata, bytes);
			}
		}
	}

	private byte @Nullable [] readChunk(long generation, int seq) throws SQLException {
		return withReaderUnchecked((connection) -> {
			try (PreparedStatement select = connection
				.prepareStatement("SELECT data FROM chunks WHERE generation = ? AND seq = ?")) {
				select.setLong(1, generation);
				select.setInt(2, seq);
				try (ResultSet rs = select.executeQuery()) {
					return rs.next() ? rs.getBytes(1) : null;
				}
			}
		});
	}

	private <T> @Nullable T withReader(SqlFunction<T> work, String action, byte @Nullable [] key) {
		try {
			return withReaderUnchecked(work);
		}
		catch (SQLException ex) {
			throw failure(action, key, ex);
		}
	}

	/** Runs a query on an idle reader connection, opening one if fewer than {@value #MAX_READERS} exist. */
	private <T> @Nullable T withReaderUnchecked(SqlFunction<T> work) throws SQLException {
		Connection connection = borrowReader();
		try {
			return work.apply(connection);
		}
		finally {
			this.readerPoolLock.lock();
			try {
				this.idleReaders.push(connection);
				this.readerReturned.signal();
			}
			finally {
				this.readerPoolLock.unlock();
			}
		}
	}

	private Connection borrowReader() throws SQLException {
		this.readerPoolLock.lock();
		try {
			while (this.idleReaders.isEmpty()) {
				if (this.readers.size() < MAX_READERS) {
					Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.file);
					try (Statement statement = connection.createStatement()) {
						statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
						statement.execute("PRAGMA query_only = 1");
					}
					catch (SQLException ex) {
						closeQuietly(connection, ex);
						throw ex;
					}
					this.readers.add(connection);
					return connection;
				}
				this.readerReturned.awaitUninterruptibly();
			}
			return this.idleReaders.pop();
		}
		finally {
			this.readerPoolLock.unlock();
		}
	}

	// ---- writing ------------------------------------------------------------------------------

	private void write(String action, byte @Nullable [] key, SqlConsumer work) {
		this.lifecycle.readLock().lock();
		try {
			checkOpen();
			this.writeLock.lock();
			try {
				inTransaction(() -> work.accept(this.writer), action, key);
			}
			finally {
				this.writeLock.unlock();
			}
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	/** Runs the work in one transaction of the writer connection; the caller holds the write lock. */
	private void inTransaction(SqlRunnable work, String action, byte @Nullable [] key) {
		try (Statement statement = this.writer.createStatement()) {
			transaction(statement, work);
		}
		catch (SQLException ex) {
			throw failure(action, key, ex);
		}
	}

	/** Runs the work between {@code BEGIN IMMEDIATE} and {@code COMMIT}, rolled back if it fails. */
	private static void transaction(Statement statement, SqlRunnable work) throws SQLException {
		statement.execute("BEGIN IMMEDIATE");
		try {
			work.run();
			statement.execute("COMMIT");
		}
		catch (Throwable ex) {
			try {
				statement.execute("ROLLBACK");
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
	}

	/** Deletes expired entries a read met, unless a write holds the lock: the read must not wait for it. */
	private void purgeIfIdle(List<Long> generations, long nowSeconds) {
		if (!this.writeLock.tryLock()) {
			return;
		}
		try {
			inTransaction(() -> {
				try (PreparedStatement delete = this.writer
					.prepareStatement("DELETE FROM entries WHERE generation = ? AND expiration <= ?")) {
					for (long generation : generations) {
						delete.setLong(1, generation);
						delete.setLong(2, nowSeconds);
						delete.executeUpdate();
					}
				}
			}, "delete expired entries from", null);
		}
		catch (KVStorageException ex) {
			logger.warn("Could not delete {} expired entries; they stay hidden and are retried later", generations.size(),
					ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Group commit: the write joins the queue, and whoever holds the write lock next commits every queued
	 * write in one transaction, each in a savepoint of its own (so that one failing write leaves the others
	 * in), with one fsync for all; each caller returns when its write's transaction has committed, or with
	 * its own failure. A caller whose write another caller committed only takes and releases the lock.
	 */
	private void commitGrouped(GroupedWrite mine) {
		this.queued.add(mine);
		this.writeLock.lock();
		try {
			while (!mine.done) {
				List<GroupedWrite> batch = new ArrayList<>();
				for (GroupedWrite next = this.queued.poll(); next != null; next = this.queued.poll()) {
					batch.add(next);
					if (batch.size() == MAX_GROUP) {
						break;
					}
				}
				commitBatch(batch);
			}
		}
		finally {
			this.writeLock.unlock();
		}
		KVStorageException failure = mine.failure;
		if (failure != null) {
			throw failure;
		}
	}

	/** Commits writes in one transaction; the caller holds the write lock. */
	private void commitBatch(List<GroupedWrite> batch) {
		try (Statement statement = this.writer.createStatement()) {
			transaction(statement, () -> {
				for (GroupedWrite write : batch) {
					statement.execute("SAVEPOINT grouped");
					try {
						write.work.run();
						statement.execute("RELEASE grouped");
					}
					catch (SQLException | RuntimeException ex) {
						statement.execute("ROLLBACK TO grouped");
						statement.execute("RELEASE grouped");
						write.failure = (ex instanceof KVStorageException storage) ? storage : failure(write, ex);
					}
				}
			});
		}
		catch (SQLException | RuntimeException ex) {
			for (GroupedWrite write : batch) {
				if (write.failure == null) {
					write.failure = failure(write, ex);
				}
			}
		}
		finally {
			batch.forEach((write) -> write.done = true);
		}
	}

	/** What a grouped write's failure means: a storage error naming its key. */
	private KVStorageException failure(GroupedWrite write, Exception ex) {
		return (ex instanceof SQLException sql) ? failure(write.action, write.key, sql)
				: new KVStorageException("Could not " + write.action + " key '"
						+ new String(write.key, StandardCharsets.UTF_8) + "' in the KV store " + this.file + ": " + ex, ex);
	}

	/** The writer's statements, prepared once; the caller holds the write lock. */
	private WriterStatements statements() throws SQLException {
		if (this.statements == null) {
			this.statements = new WriterStatements(this.writer);
		}
		return this.statements;
	}

	/** One write waiting for a group commit; its fields are read and written under the write lock. */
	private static final class GroupedWrite {

		private final String action;

		private final byte[] key;

		private final SqlRunnable work;

		private boolean done;

		private @Nullable KVStorageException failure;

		GroupedWrite(String action, byte[] key, SqlRunnable work) {
			this.action = action;
			this.key = key;
			this.work = work;
		}

	}

	/** The statements of every put and delete. */
	private static final class WriterStatements {

		private final PreparedStatement deleteEntry;

		private final PreparedStatement insertEntry;

		private final PreparedStatement lastRowId;

		private final PreparedStatement insertChunk;

		private final PreparedStatement updateSize;

		WriterStatements(Connection writer) throws SQLException {
			this.deleteEntry = writer.prepareStatement("DELETE FROM entries WHERE namespace = ? AND key = ?");
			this.insertEntry = writer.prepareStatement(
					"INSERT INTO entries (namespace, key, size, expiration, metadata) VALUES (?, ?, ?, ?, ?)");
			this.lastRowId = writer.prepareStatement("SELECT last_insert_rowid()");
			this.insertChunk = writer.prepareStatement("INSERT INTO chunks (generation, seq, data) VALUES (?, ?, ?)");
			this.updateSize = writer.prepareStatement("UPDATE entries SET size = ? WHERE generation = ?");
		}

	}

	// ---- helpers ------------------------------------------------------------------------------

	private void checkOpen() {
		if (this.closed) {
			throw new KVStorageException("The KV store is closed (" + this.file
					+ "); open a new LocalKVStore to use the file again.", null);
		}
	}

	private KVStorageException failure(String action, byte @Nullable [] key, SQLException ex) {
		String what = (key != null) ? "key '" + new String(key, StandardCharsets.UTF_8) + "' in " : "";
		return new KVStorageException("Could not " + action + " " + what + "the KV store " + this.file + ": "
				+ ex.getMessage(), ex);
	}

	private static boolean isExpired(@Nullable Long expiration, long nowSeconds) {
		return expiration != null && expiration <= nowSeconds;
	}

	/** @return the least byte string greater than every string that starts with the prefix, or {@code null} */
	private static byte @Nullable [] successor(byte[] prefix) {
		int end = prefix.length;
		while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
			end--;
		}
		if (end == 0) {
			return null;
		}
		byte[] upper = Arrays.copyOf(prefix, end);
		upper[end - 1]++;
		return upper;
	}

	private static void setNullableLong(PreparedStatement statement, int index, @Nullable Long value)
			throws SQLException {
		if (value != null) {
			statement.setLong(index, value);
		}
		else {
			statement.setNull(index, Types.INTEGER);
		}
	}

	private static @Nullable Long getNullableLong(ResultSet rs, int index) throws SQLException {
		long value = rs.getLong(index);
		return rs.wasNull() ? null : value;
	}

	private static void closeQuietly(Connection connection, Throwable failure) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	@FunctionalInterface
	private interface SqlFunction<T> {

		@Nullable T apply(Connection connection) throws SQLException;

	}

	@FunctionalInterface
	private interface SqlConsumer {

		void accept(Connection connection) throws SQLException;

	}

	@FunctionalInterface
	private interface SqlRunnable {

		void run() throws SQLException;

	}

	/**
	 * An entry as a read found it.
	 * @param bytes the whole value, or only its first chunk when the value is to be streamed
	 */
	private record Found(long generation, long size, @Nullable Long expiration, @Nullable String metadataJson,
			byte[] bytes) {
	}

	/** Cuts a value into chunks of {@value #CHUNK_BYTES} bytes, reading a stream one chunk at a time. */
	private final class Chunker {

		private final ValueSource value;

		private final String namespace;

		private final byte[] key;

		private long offset;

		private boolean done;

		Chunker(ValueSource value, String namespace, byte[] key) {
			this.value = value;
			this.namespace = namespace;
			this.key = key;
		}

		/** @return the size of a value given as bytes, or -1 for a stream */
		long knownSize() {
			byte[] bytes = this.value.bytes();
			return (bytes != null) ? bytes.length : -1;
		}

		/** @return whether every chunk has been read (and {@link #next} returns {@code null} from now on) */
		boolean ended() {
			return this.done;
		}

		/** @return the next chunk, or {@code null} after the last */
		byte @Nullable [] next() {
			if (this.done) {
				return null;
			}
			byte[] bytes = this.value.bytes();
			if (bytes != null) {
				int length = (int) Math.min(CHUNK_BYTES, bytes.length - this.offset);
				if (length <= 0) {
					this.done = true;
					return null;
				}
				byte[] chunk = (this.offset == 0 && length == bytes.length) ? bytes
						: Arrays.copyOfRange(bytes, (int) this.offset, (int) this.offset + length);
				this.offset += length;
				return chunk;
			}
			// The first chunk starts small and grows, so that a small value does not cost a whole chunk's buffer.
			byte[] buffer = new byte[(this.offset == 0) ? FIRST_BUFFER_BYTES : CHUNK_BYTES];
			int length = 0;
			try {
				InputStream stream = Objects.requireNonNull(this.value.stream());
				while (length < CHUNK_BYTES) {
					if (length == buffer.length) {
						buffer = Arrays.copyOf(buffer, Math.min(CHUNK_BYTES, buffer.length * 4));
					}
					int read = stream.read(buffer, length, buffer.length - length);
					if (read < 0) {
						break;
					}
					length += read;
				}
			}
			catch (IOException ex) {
				throw new KVStorageException("Could not write key '" + new String(this.key, StandardCharsets.UTF_8)
						+ "' of namespace '" + this.namespace + "' to the KV store " + SqliteEngine.this.file
						+ ": reading the value failed after " + this.offset + " bytes (" + ex.getMessage()
						+ "). Nothing was stored.", ex);
			}
			this.offset += length;
			if (length < CHUNK_BYTES) {
				this.done = true;
			}
			if (length == 0) {
				return null;
			}
			return (length == buffer.length) ? buffer : Arrays.copyOf(buffer, length);
		}

	}

	/**
	 * Streams one version of a value, fetching one chunk per query. A missing chunk means the value was
	 * overwritten or deleted since the read began.
	 */
	private final class ChunkInputStream extends InputStream {

		private final String namespace;

		private final byte[] key;

		private final long generation;

		private final long size;

		private byte[] chunk;

		private int position;

		private int nextSeq = 1;

		private long delivered;

		private boolean closed;

		ChunkInputStream(String namespace, byte[] key, long generation, long size, byte[] firstChunk) {
			this.namespace = namespace;
			this.key = key;
			this.generation = generation;
			this.size = size;
			this.chunk = firstChunk;
		}

		@Override
		public int read() throws IOException {
			if (!fill()) {
				return -1;
			}
			this.delivered++;
			return this.chunk[this.position++] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, buffer.length);
			if (length == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int n = Math.min(length, this.chunk.length - this.position);
			System.arraycopy(this.chunk, this.position, buffer, offset, n);
			this.position += n;
			this.delivered += n;
			return n;
		}

		@Override
		public int available() {
			return this.closed ? 0 : this.chunk.length - this.position;
		}

		@Override
		public void close() {
			this.closed = true;
		}

		/** @return whether a byte is ready, {@code false} at the end of the value */
		private boolean fill() throws IOException {
			if (this.closed) {
				throw new IOException("Stream of " + describe() + " is closed");
			}
			while (this.position >= this.chunk.length) {
				if (this.delivered >= this.size) {
					return false;
				}
				this.chunk = fetch();
				this.position = 0;
			}
			return true;
		}

		private byte[] fetch() throws IOException {
			byte[] next;
			SqliteEngine.this.lifecycle.readLock().lock();
			try {
				if (SqliteEngine.this.closed) {
					throw new IOException("Cannot read the rest of " + describe() + ": the store is closed");
				}
				next = readChunk(this.generation, this.nextSeq);
			}
			catch (SQLException ex) {
				throw new IOException("Could not read the rest of " + describe() + ": " + ex.getMessage(), ex);
			}
			finally {
				SqliteEngine.this.lifecycle.readLock().unlock();
			}
			if (next == null) {
				throw new IOException("The value of " + describe() + " was overwritten or deleted while it was being"
						+ " read (after " + this.delivered + " of " + this.size + " bytes); read the key again");
			}
			if (this.delivered + next.length > this.size || next.length == 0) {
				throw new IOException("The stored chunks of " + describe() + " do not add up to its size of "
						+ this.size + " bytes; the file may be damaged");
			}
			this.nextSeq++;
			return next;
		}

		private String describe() {
			return "key '" + new String(this.key, StandardCharsets.UTF_8) + "' of namespace '" + this.namespace
					+ "' in " + SqliteEngine.this.file;
		}

	}

}
