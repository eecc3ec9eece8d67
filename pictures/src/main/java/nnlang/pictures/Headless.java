package nnlang.pictures;

/** Sets {@code java.awt.headless} once, before AWT reads it, unless the program set it already. */
final class Headless {
    private Headless() {}

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Does nothing but makes sure the static initialiser has run. */
    static void ensure() {
        // see the static initialiser
    }
}
