#!/usr/bin/env python3
"""Independent reference for the indicators TA-Lib lacks (ktrdr-java golden files).

Naive, direct implementations written from the published formulas (loops over whole windows, no running
state shared with the Java kernels), standard library only (Python 3). Run from this folder:
    python3 reference.py
It writes bars.csv (a deterministic 80-bar series with a flat stretch and zero-volume bars) and one
golden_<name>.csv per indicator configuration. Empty cells = no value yet (warm-up).
"""
import math

N = 80


def bars():
    o, h, l, c, v = [], [], [], [], []
    price = 100.0
    for i in range(N):
        if 30 <= i < 34:  # flat stretch: high = low = close, no volume
            o.append(price); h.append(price); l.append(price); c.append(price); v.append(0.0)
            continue
        step = math.sin(i * 0.7) * 1.5 + math.cos(i * 0.31) * 0.8 + (0.3 if i % 7 == 0 else -0.1)
        op = price
        cl = round(op + step, 4)
        hi = round(max(op, cl) + 0.25 + (i % 5) * 0.1, 4)
        lo = round(min(op, cl) - 0.2 - (i % 3) * 0.15, 4)
        o.append(op); h.append(hi); l.append(lo); c.append(cl)
        v.append(0.0 if i % 11 == 0 else float(1000 + (i * 37) % 500))
        price = cl
    return o, h, l, c, v


def wilder_atr(h, l, c, p):
    tr = [None] + [max(h[i] - l[i], abs(c[i - 1] - h[i]), abs(l[i] - c[i - 1])) for i in range(1, len(c))]
    out = [None] * len(c)
    if len(c) > p:
        out[p] = sum(tr[1:p + 1]) / p
        for i in range(p + 1, len(c)):
            out[i] = (out[i - 1] * (p - 1) + tr[i]) / p
    return out


def supertrend(h, l, c, p, m):
    atr = wilder_atr(h, l, c, p)
    trend, direction = [None] * len(c), [None] * len(c)
    up = lo = d = None
    for i in range(len(c)):
        if atr[i] is None:
            continue
        hl2 = (h[i] + l[i]) / 2
        bu, bl = hl2 + m * atr[i], hl2 - m * atr[i]
        if up is None:
            d = 1
        else:
            if c[i] > up:
                d = 1
            elif c[i] < lo:
                d = -1
            if d > 0 and bl < lo:
                bl = lo
            if d < 0 and bu > up:
                bu = up
        up, lo = bu, bl
        trend[i] = lo if d > 0 else up
        direction[i] = d
    return {"trend": trend, "direction": direction}


def rvi(o, h, l, c, p, sp):
    n = len(c)
    num = [None] * n
    den = [None] * n
    for i in range(3, n):
        num[i] = ((c[i] - o[i]) + 2 * (c[i - 1] - o[i - 1]) + 2 * (c[i - 2] - o[i - 2]) + (c[i - 3] - o[i - 3])) / 6
        den[i] = ((h[i] - l[i]) + 2 * (h[i - 1] - l[i - 1]) + 2 * (h[i - 2] - l[i - 2]) + (h[i - 3] - l[i - 3])) / 6
    r = [None] * n
    for i in range(3 + p - 1, n):
        s_num = sum(num[i - p + 1:i + 1])
        s_den = sum(den[i - p + 1:i + 1])
        r[i] = s_num / s_den if s_den != 0 else 0.0
    sig = [None] * n
    for i in range(3 + p - 1 + sp - 1, n):
        sig[i] = sum(r[i - sp + 1:i + 1]) / sp
    return {"rvi": r, "signal": sig}


def fisher(h, l, p, s):
    n = len(h)
    mid = [(h[i] + l[i]) / 2 for i in range(n)]
    f, sig = [None] * n, [None] * n
    v = 0.0
    prev = 0.0
    for i in range(p - 1, n):
        w = mid[i - p + 1:i + 1]
        hi, lo = max(w), min(w)
        pos = (mid[i] - lo) / (hi - lo) - 0.5 if hi != lo else 0.0
        v = (1.0 / s) * 2 * pos + (1 - 1.0 / s) * v
        v = max(-0.999, min(0.999, v))
        cur = 0.5 * math.log((1 + v) / (1 - v)) + 0.5 * prev
        f[i] = cur
        sig[i] = prev if i >= p else None
        prev = cur
    return {"fisher": f, "signal": sig}


def cmf(h, l, c, v, p):
    n = len(c)
    out = [None] * n
    for i in range(p - 1, n):
        mfv = 0.0
        vol = 0.0
        for j in range(i - p + 1, i + 1):
            mfm = ((c[j] - l[j]) - (h[j] - c[j])) / (h[j] - l[j]) if h[j] > l[j] else 0.0
            mfv += mfm * v[j]
            vol += v[j]
        out[i] = mfv / vol if vol != 0 else 0.0
    return {"cmf": out}


def vwap_cumulative(h, l, c, v):
    out = []
    for i in range(len(c)):
        pv = sum((h[j] + l[j] + c[j]) / 3 * v[j] for j in range(i + 1))
        vol = sum(v[:i + 1])
        out.append(pv / vol if vol != 0 else (h[i] + l[i] + c[i]) / 3)
    return {"vwap": out}


def ema_adjusted(c, p):
    a = 2 / (p + 1)
    out = [None] * len(c)
    for t in range(p - 1, len(c)):
        ws = [(1 - a) ** i for i in range(t + 1)]
        out[t] = sum(ws[i] * c[t - i] for i in range(t + 1)) / sum(ws)
    return {"ema": out}


def chikou(c, d):
    return {"chikou": [c[i] - c[i - d] if i >= d else None for i in range(len(c))]}


def write(name, cols, n):
    keys = list(cols)
    with open("golden_" + name + ".csv", "w") as f:
        f.write("# produced by reference.py (independent naive Python implementation), ktrdr-java golden file\n")
        f.write("bar," + ",".join(keys) + "\n")
        for i in range(n):
            f.write(str(i) + "," + ",".join("" if cols[k][i] is None else repr(float(cols[k][i])) for k in keys) + "\n")


if __name__ == "__main__":
    o, h, l, c, v = bars()
    with open("bars.csv", "w") as f:
        f.write("open,high,low,close,volume\n")
        for i in range(N):
            f.write(",".join(repr(x) for x in (o[i], h[i], l[i], c[i], v[i])) + "\n")
    write("supertrend_10_3", supertrend(h, l, c, 10, 3.0), N)
    write("supertrend_5_1.5", supertrend(h, l, c, 5, 1.5), N)
    write("rvi_10_4", rvi(o, h, l, c, 10, 4), N)
    write("fishertransform_10_3", fisher(h, l, 10, 3), N)
    write("cmf_21", cmf(h, l, c, v, 21), N)
    write("vwap_0", vwap_cumulative(h, l, c, v), N)
    write("ema_20_adjusted", ema_adjusted(c, 20), N)
    write("ichimoku_chikou_26", chikou(c, 26), N)
