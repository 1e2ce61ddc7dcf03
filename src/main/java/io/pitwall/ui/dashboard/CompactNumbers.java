package io.pitwall.ui.dashboard;

import java.text.NumberFormat;

/**
 * Numbers that fit a card whatever their size: up to 99,999 in full with grouping (10,243), above that in two or
 * three significant figures (1.2M, 245k); the exact figure goes on hover.
 */
final class CompactNumbers {

    /** From here on a number is shortened. */
    static final long COMPACT_FROM = 100_000;
    private static final NumberFormat GROUPED = NumberFormat.getIntegerInstance();

    private CompactNumbers() {
    }

    static String exact(long n) {
        return GROUPED.format(n);
    }

    static String format(long n) {
        long abs = Math.abs(n);
        if (abs < COMPACT_FROM) {
            return GROUPED.format(n);
        }
        String sign = n < 0 ? "−" : "";
        if (Math.round(abs / 1_000.0) < 1_000) {
            return sign + Math.round(abs / 1_000.0) + "k";
        }
        if (abs < 999_500_000L) {
            return sign + scaled(abs / 1_000_000.0) + "M";
        }
        return sign + scaled(abs / 1_000_000_000.0) + "G";
    }

    /** One decimal below 10 (1.2M), none above (12M, 245M). */
    private static String scaled(double value) {
        if (value < 9.95) {
            return String.format(java.util.Locale.ROOT, "%.1f", value).replace(".0", "");
        }
        return String.valueOf(Math.round(value));
    }
}
