#!/usr/bin/env python3
"""Makes the embedded MNIST sample in assets/mnist-sample/ from the full set in data/mnist/.

A stratified sample: the first 600 training images of each digit (6,000) and the first 100 test
images of each digit (1,000), in their original order, written as gzipped IDX files. Run once by
a maintainer (stdlib only); the result is committed so the MNIST lesson works out of the box.
"""
import gzip
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC, DST = ROOT / "data" / "mnist", ROOT / "assets" / "mnist-sample"


def read_idx(path):
    data = path.read_bytes()
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4 : 4 + 4 * rank])
    return dims, data[4 + 4 * rank :]


def write_idx(path, type_byte, dims, payload):
    header = bytes([0, 0, type_byte, len(dims)]) + struct.pack(">" + "I" * len(dims), *dims)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:  # mtime 0: reproducible bytes
        f.write(header + payload)


def sample(prefix, per_class):
    (n, rows, cols), images = read_idx(SRC / f"{prefix}-images-idx3-ubyte")
    _, labels = read_idx(SRC / f"{prefix}-labels-idx1-ubyte")
    taken, keep = [0] * 10, []
    for i in range(n):
        if taken[labels[i]] < per_class:
            taken[labels[i]] += 1
            keep.append(i)
    size = rows * cols
    write_idx(DST / f"{prefix}-images-idx3-ubyte.gz", 8, (len(keep), rows, cols), b"".join(images[i * size : (i + 1) * size] for i in keep))
    write_idx(DST / f"{prefix}-labels-idx1-ubyte.gz", 8, (len(keep),), bytes(labels[i] for i in keep))
    print(f"{prefix}: {len(keep)} images, {per_class} per digit")


DST.mkdir(parents=True, exist_ok=True)
sample("train", 600)
sample("t10k", 100)
