package io.github.workerskv.kv.flags;

/**
 * MurmurHash3 (x86, 32 bit, seed 0) exactly as {@code @openfeature/flagd-core} computes it for {@code fractional}
 * (the {@code imurmurhash} package): over the string's UTF-16 code units, one "byte" per unit.
 *
 * <p>For ASCII text this is the standard MurmurHash3 of the UTF-8 bytes, the hash flagd's specification names and
 * flagd's Go and Java evaluators use. For other characters flagd-core's JavaScript differs from those (it mixes
 * whole code units and counts characters, not bytes); this class follows flagd-core, because a Worker evaluating
 * the same document must put a key in the same bucket.
 */
final class MurmurHash3 {

	private MurmurHash3() {
	}

	/** @return the hash as an unsigned 32-bit value */
	static long hashUnsigned(String key) {
		int length = key.length();
		int h1 = 0;
		int i = 0;
		int blocksEnd = length - (length & 3);
		for (; i < blocksEnd; i += 4) {
			int top = key.charAt(i + 3);
			int k1 = key.charAt(i) ^ (key.charAt(i + 1) << 8) ^ (key.charAt(i + 2) << 16) ^ ((top & 0xff) << 24)
					^ ((top & 0xff00) >> 8);
			h1 ^= mix(k1);
			h1 = Integer.rotateLeft(h1, 13);
			h1 = h1 * 5 + 0xe6546b64;
		}
		int k1 = 0;
		switch (length & 3) {
			case 3:
				k1 ^= key.charAt(i + 2) << 16;
			case 2:
				k1 ^= key.charAt(i + 1) << 8;
			case 1:
				k1 ^= key.charAt(i);
			default:
				break;
		}
		// imurmurhash mixes the tail only when it is positive as a signed 32-bit number.
		if (k1 > 0) {
			h1 ^= mix(k1);
		}
		h1 ^= length;
		h1 ^= h1 >>> 16;
		h1 *= 0x85ebca6b;
		h1 ^= h1 >>> 13;
		h1 *= 0xc2b2ae35;
		h1 ^= h1 >>> 16;
		return Integer.toUnsignedLong(h1);
	}

	private static int mix(int k1) {
		k1 *= 0xcc9e2d51;
		k1 = Integer.rotateLeft(k1, 15);
		return k1 * 0x1b873593;
	}

}
