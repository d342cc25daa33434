package io.khotools.fdt.dts.compile;

/** Which phandle properties the compiler adds to referenced nodes: dtc's {@code -H} option. */
public enum PhandleFormat {
    /** {@code linux,phandle} only ({@code -H legacy}). */
    LEGACY(true, false),
    /** {@code phandle} only ({@code -H epapr}, dtc's default). */
    EPAPR(false, true),
    /** {@code linux,phandle} then {@code phandle} ({@code -H both}). */
    BOTH(true, true);

    private final boolean legacy;
    private final boolean epapr;

    PhandleFormat(boolean legacy, boolean epapr) {
        this.legacy = legacy;
        this.epapr = epapr;
    }

    /** Whether {@code linux,phandle} is added. */
    public boolean addsLegacy() {
        return legacy;
    }

    /** Whether {@code phandle} is added. */
    public boolean addsEpapr() {
        return epapr;
    }
}
