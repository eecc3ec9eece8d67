package nnlang.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import nnlang.model.NetworkModel;

/**
 * The back ends available in this JVM: the interpreter, always, and those registered with
 * {@link ServiceLoader} for {@link BackEnd} on the class path of this module (the compiler module
 * registers {@code compiled}). Looked up once per class loader, sorted by name.
 */
public final class BackEnds {

    private BackEnds() {}

    /** The interpreter's name. */
    public static final String INTERPRETED = "interpreted";

    /** Every back end, sorted by name. */
    public static List<BackEnd> all() {
        return Registry.ALL;
    }

    /** Their names, for messages and help texts: {@code compiled or interpreted}. */
    public static String names() {
        List<String> names = all().stream().map(BackEnd::name).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * The back end called {@code name}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException {@code expected compiled or interpreted, found 'gpu'}
     */
    public static BackEnd named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (BackEnd b : all()) {
            if (b.name().equals(wanted)) {
                return b;
            }
        }
        throw new IllegalArgumentException("expected " + names() + ", found '" + name + "'");
    }

    /** Loaded on first use, so that a program that never asks pays nothing. */
    private static final class Registry {
        static final List<BackEnd> ALL = load();

        private static List<BackEnd> load() {
            List<BackEnd> found = new ArrayList<>();
            found.add(new InterpretedBackEnd());
            ServiceLoader.load(BackEnd.class, BackEnd.class.getClassLoader()).forEach(found::add);
            found.sort(Comparator.comparing(BackEnd::name));
            for (int i = 1; i < found.size(); i++) {
                if (found.get(i).name().equals(found.get(i - 1).name())) {
                    throw new IllegalStateException("two back ends are called " + found.get(i).name() + ": "
                            + found.stream().map(b -> b.getClass().getName()).collect(Collectors.joining(", ")));
                }
            }
            return List.copyOf(found);
        }
    }

    /** The EJML interpreter. */
    private static final class InterpretedBackEnd implements BackEnd {
        @Override
        public String name() {
            return INTERPRETED;
        }

        @Override
        public Network instantiate(NetworkModel model) {
            return new Interpreter(model);
        }
    }
}
