/**
 * Data sources for training and evaluation, all {@link nnlang.runtime.Samples}: inline tables and
 * CSV files (held as doubles), and the MNIST IDX files (held as bytes, expanded one sample at a time).
 * {@link nnlang.runtime.data.DataSets#load} reads what a train block names; every problem is a
 * {@link nnlang.runtime.data.DataException} naming the file and the line, column or record.
 */
package nnlang.runtime.data;
