package io.pitwall.ui.dashboard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompactNumbersTest {

    @Test
    void smallNumbersStayExactAndGrouped() {
        assertEquals("0", CompactNumbers.format(0));
        assertEquals("10,243", CompactNumbers.format(10_243));
        assertEquals("99,999", CompactNumbers.format(99_999));
    }

    @Test
    void bigNumbersShortenToFitACard() {
        assertEquals("100k", CompactNumbers.format(100_000));
        assertEquals("245k", CompactNumbers.format(245_499));
        assertEquals("1.2M", CompactNumbers.format(1_204_551));
        assertEquals("1M", CompactNumbers.format(999_600), "never 1000k");
        assertEquals("10M", CompactNumbers.format(9_960_000));
        assertEquals("999M", CompactNumbers.format(999_400_000));
        assertEquals("1G", CompactNumbers.format(999_600_000), "never 1000M");
        assertEquals("−1.2M", CompactNumbers.format(-1_204_551));
        assertEquals("1,204,551", CompactNumbers.exact(1_204_551));
    }
}
