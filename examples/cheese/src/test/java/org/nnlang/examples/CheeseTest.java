package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The festival perceptrons of chapter 1. Inputs: weather, partner, transit. With threshold 5 only
 * the weather decides; with threshold 3 good weather alone, or partner and transit together, do.
 */
class CheeseTest {

    @Test
    void thresholdFiveGoesExactlyWhenTheWeatherIsGood() {
        Cheese cheese = Cheese.trained();
        for (int weather = 0; weather <= 1; weather++) {
            for (int partner = 0; partner <= 1; partner++) {
                for (int transit = 0; transit <= 1; transit++) {
                    double go = cheese.predict(new double[] {weather, partner, transit})[0];
                    assertEquals(weather, go, "weather " + weather + ", partner " + partner + ", transit " + transit);
                }
            }
        }
    }

    @Test
    void thresholdThreeAlsoGoesWithPartnerAndTransit() {
        EagerCheese cheese = EagerCheese.trained();
        for (int weather = 0; weather <= 1; weather++) {
            for (int partner = 0; partner <= 1; partner++) {
                for (int transit = 0; transit <= 1; transit++) {
                    double expected = weather == 1 || (partner == 1 && transit == 1) ? 1 : 0;
                    double go = cheese.predict(new double[] {weather, partner, transit})[0];
                    assertEquals(expected, go, "weather " + weather + ", partner " + partner + ", transit " + transit);
                }
            }
        }
    }
}
