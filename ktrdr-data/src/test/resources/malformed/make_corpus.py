#!/usr/bin/env python3
"""Writes the malformed-file corpus for MalformedCorpusTest (python3, standard library only).
Each file breaks one thing; expected.tsv holds the exact error message expected for each."""
import gzip, io

H = "timestamp,open,high,low,close,volume\n"
R1 = "2020-01-02T14:00:00Z,100,101,99,100.5,1000\n"
R2 = "2020-01-02T15:00:00Z,100.5,102,100,101,1200\n"
R3 = "2020-01-02T16:00:00Z,101,101.5,100.2,100.8,900\n"

files = {
    "empty.csv": b"",
    "header_only.csv": H.encode(),
    "blank_lines_only.csv": (H + "\n\n  \n").encode(),
    "wrong_columns.csv": ("timestamp,open,high,low,close,adj_close\n" + R1).encode(),
    "missing_volume.csv": ("timestamp,open,high,low,close\n2020-01-02T14:00:00Z,100,101,99,100.5\n").encode(),
    "duplicate_column.csv": ("timestamp,open,high,low,close,close\n" + R1).encode(),
    "no_header.csv": (R1 + R2).encode(),
    "crlf_high_below_low.csv": (H + R1 + "2020-01-02T15:00:00Z,100.5,99,100,99.5,1200\n").replace("\n", "\r\n").encode(),
    "bom_nan_close.csv": b"\xef\xbb\xbf" + (H + R1 + "2020-01-02T15:00:00Z,100.5,102,100,NaN,1200\n").encode(),
    "inf_high.csv": (H + "2020-01-02T14:00:00Z,100,Infinity,99,100.5,1000\n").encode(),
    "negative_low.csv": (H + "2020-01-02T14:00:00Z,100,101,-99,100.5,1000\n").encode(),
    "zero_open.csv": (H + "2020-01-02T14:00:00Z,0,101,99,100.5,1000\n").encode(),
    "high_below_close.csv": (H + R1 + "2020-01-02T15:00:00Z,100.5,100.9,100,101,1200\n").encode(),
    "low_above_open.csv": (H + R1 + R2 + "2020-01-02T16:00:00Z,101,101.5,101.2,101.3,900\n").encode(),
    "negative_volume.csv": (H + "2020-01-02T14:00:00Z,100,101,99,100.5,-5\n").encode(),
    "nan_volume.csv": (H + "2020-01-02T14:00:00Z,100,101,99,100.5,nan\n").encode(),
    "duplicate_timestamp.csv": (H + R1 + R2 + R2).encode(),
    "unsorted.csv": (H + R2 + R1).encode(),
    "off_grid.csv": (H + R1 + "2020-01-02T15:30:00Z,100.5,102,100,101,1200\n").encode(),
    "epoch_seconds.csv": (H + "1577973600,100,101,99,100.5,1000\n").encode(),
    "epoch_micros.csv": (H + "1577973600000000,100,101,99,100.5,1000\n").encode(),
    "fractional_epoch.csv": (H + "1577973600000.5,100,101,99,100.5,1000\n").encode(),
    "no_such_date.csv": (H + "2020-02-30T14:00:00Z,100,101,99,100.5,1000\n").encode(),
    "bad_hour.csv": (H + "2020-01-02T25:00:00Z,100,101,99,100.5,1000\n").encode(),
    "bad_offset.csv": (H + "2020-01-02T14:00:00+25:00,100,101,99,100.5,1000\n").encode(),
    "timestamp_word.csv": (H + "yesterday,100,101,99,100.5,1000\n").encode(),
    "two_dots.csv": (H + "2020-01-02T14:00:00Z,1.2.3,101,99,100.5,1000\n").encode(),
    "empty_field.csv": (H + "2020-01-02T14:00:00Z,,101,99,100.5,1000\n").encode(),
    "decimal_comma.csv": (H + "2020-01-02T14:00:00Z,100,101,99,100.5,1000\n" + "2020-01-02T15:00:00Z,100;5,102,100,101,1200\n").encode(),
    "too_few_fields.csv": (H + R1 + "2020-01-02T15:00:00Z,100.5,102,100,101\n").encode(),
    "too_many_fields.csv": (H + R1 + "2020-01-02T15:00:00Z,100.5,102,100,101,1200,7\n").encode(),
    "latin1.csv": (H + R1).encode() + b"2020-01-02T15:00:00Z,100.5,102,100,101,1200 \xe9\n",
    "utf16.csv": (H + R1).encode("utf-16"),
    "nul_byte.csv": (H + R1).encode() + b"2020-01-02T15:00:00Z,100.5,10\x002,100,101,1200\n",
    "long_line.csv": (H + "2020-01-02T14:00:00Z,100,101,99,100.5," + "1" * 5000 + "\n").encode(),
    "not_gzip.csv.gz": (H + R1).encode(),
    "daily_not_midnight.csv": (H + "2020-01-02T05:00:00Z,100,101,99,100.5,1000\n").encode(),
}

rows = "".join("2020-01-%02dT%02d:00:00Z,100,101,99,100.5,1000\n" % (1 + i // 24, i % 24) for i in range(24 * 20))
good = gzip.compress((H + rows).encode(), mtime=0)
files["truncated.csv.gz"] = good[: len(good) // 2]
bad_trailer = bytearray(good)
bad_trailer[-8] ^= 0xFF  # break the CRC-32 in the gzip trailer
files["bad_crc.csv.gz"] = bytes(bad_trailer)
files["double_gzip.csv.gz"] = gzip.compress(good, mtime=0)

for name, data in files.items():
    with open(name, "wb") as f:
        f.write(data)
print(len(files), "files")
