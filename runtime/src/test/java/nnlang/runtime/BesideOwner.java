package nnlang.runtime;

/** A class for {@link ParameterFileTest} to load into its own class loader, beside a parameter resource. */
final class BesideOwner {
    private BesideOwner() {}
}
