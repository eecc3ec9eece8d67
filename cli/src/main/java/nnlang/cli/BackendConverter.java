package nnlang.cli;

import nnlang.runtime.BackEnd;
import nnlang.runtime.BackEnds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a back end's name ({@code compiled}, {@code interpreted}) for {@code --backend}. */
final class BackendConverter implements ITypeConverter<BackEnd> {
    @Override
    public BackEnd convert(String value) {
        try {
            return BackEnds.named(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The names, for completion and help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BackEnds.all().stream().map(BackEnd::name).iterator();
        }
    }
}
