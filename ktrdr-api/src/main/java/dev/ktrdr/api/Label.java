package dev.ktrdr.api;

/**
 * The three classes a trading model predicts. {@link #index()} is the class index used in label
 * arrays, probability vectors and confusion matrices (BUY 0, HOLD 1, SELL 2, as in the Python
 * original); {@link #NONE} marks a row that has no label (its look-ahead window is incomplete) and is
 * never trained on.
 */
public enum Label {
    /** Enter or stay long. */
    BUY(0),
    /** Do nothing. */
    HOLD(1),
    /** Enter or stay short, or exit a long. */
    SELL(2);

    /** The value stored in a label array for a row without a label. */
    public static final byte NONE = -1;

    /** The number of classes. */
    public static final int COUNT = 3;

    private final int index;

    Label(int index) {
        this.index = index;
    }

    /** @return the class index: BUY 0, HOLD 1, SELL 2 */
    public int index() {
        return index;
    }

    /**
     * @param index a class index 0..2
     * @return the label
     * @throws IllegalArgumentException for any other index
     */
    public static Label ofIndex(int index) {
        switch (index) {
            case 0: return BUY;
            case 1: return HOLD;
            case 2: return SELL;
            default: throw new IllegalArgumentException("label index " + index + " is not in [0, 2]");
        }
    }
}
