package nnlang.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code compiled} or {@code interpreted} for {@code --backend}. */
final class BackendConverter implements ITypeConverter<Backend> {
    @Override
    public Backend convert(String value) {
        try {
            return Backend.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected compiled or interpreted, found '" + value + "'");
        }
    }
}
