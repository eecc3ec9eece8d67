package nnlang.interop.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast decimal reader gives exactly what {@link Double#parseDouble} gives, and refuses what is not a number. */
class DecimalTest {

    private static double parse(String s) {
        return Decimal.parse(s.toCharArray(), 0, s.length());
    }

    @Test
    void readsEveryFormAsParseDoubleDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 300_000; i++) {
            String text = switch (i % 6) {
                case 0 -> Double.toString(random.nextDouble());
                case 1 -> Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(60) - 30));
                case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
                case 3 -> String.format("%." + random.nextInt(20) + "f", random.nextGaussian() * 100);
                case 4 -> (random.nextBoolean() ? "-" : "+") + digits(random, 1 + random.nextInt(25)) + "."
                        + digits(random, random.nextInt(25)) + "e" + (random.nextInt(80) - 40);
                default -> "0.000" + digits(random, 1 + random.nextInt(19));
            };
            double expected = Double.parseDouble(text);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parse(text)), text);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0.000")));
        assertEquals(0.5176470588235295, parse("0.5176470588235295"));
        assertEquals(132.0 / 255.0, parse(Double.toString(132.0 / 255.0)));
        assertEquals(0.5, parse(".5"));
        assertEquals(3.0, parse("3."));
        assertEquals(1e22, parse("1e22"));
        assertEquals(9007199254740993.0, parse("9007199254740993"));
    }

    @Test
    void refusesWhatIsNotANumber() {
        for (String s : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "abc", "1,2", "0x10", "NaN", "Infinity", "1 2"}) {
            assertTrue(Double.isNaN(parse(s)), s);
        }
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }
}
