package dev.ktrdr.fuzzy;

/**
 * The buffer for evaluating memberships a block of {@value #ROWS} rows at a time: a scratch column as
 * long as the series. Kernels read and write row i at index i of every array (the input, the scratch
 * and the output column) because C2 vectorises such loops and not loops whose arrays are indexed at
 * different offsets. Blocks keep the rows a set's memberships share in the L1 cache.
 * Allocated once per evaluation, never per row. Not thread-safe.
 */
final class Workspace {
    /**
     * Rows per block: 4 KiB of input and of scratch. Of 256, 512, 1024, 4096 and 16384 rows, 512 measured
     * fastest for 201 columns of 100k rows ({@code MembershipBench}).
     */
    static final int ROWS = 512;

    final double[] scratch;

    /** @param rows the length of the columns to be evaluated */
    Workspace(int rows) {
        scratch = new double[rows];
    }
}
