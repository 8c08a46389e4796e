package org.funnel.dsl.tests.robustness;

import java.util.List;

/**
 * Decisions read from fuzzer bytes: each call takes a byte (two for large bounds) and maps it into
 * the range. When the bytes run out every decision is 0, so any input describes a finite funnel and
 * the fuzzer's mutations of a byte change one decision.
 */
final class Choices {

	private final byte[] data;
	private int position;

	Choices(byte[] data, int offset) {
		this.data = data;
		this.position = offset;
	}

	/** A number in [0, bound). */
	int next(int bound) {
		if (bound <= 1 || position >= data.length) {
			return 0;
		}
		int value = data[position++] & 0xff;
		if (bound > 256 && position < data.length) {
			value = value << 8 | data[position++] & 0xff;
		}
		return value % bound;
	}

	/** True with a chance of about one in {@code n}. */
	boolean oneIn(int n) {
		return position < data.length && next(n) == 0;
	}

	<T> T pick(T[] values) {
		return values[next(values.length)];
	}

	<T> T pick(List<T> values) {
		return values.get(next(values.size()));
	}

	boolean exhausted() {
		return position >= data.length;
	}
}
