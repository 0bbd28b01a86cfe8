#!/usr/bin/python3
"""The reference run for bench/train_vs_pytorch.sh: one of the MNIST models of lessons/mnist-cnn.toml
(sougrati or lazovic2020) in PyTorch (CPU), one epoch on the first N training images of data/mnist,
batch 32, Adam 0.001, with the given number of threads. Prints 'pytorch samples/s: X'.
Uses Debian's python3-torch (PyTorch 1.13).
Usage: train_vs_pytorch.py MODEL THREADS COUNT"""
import pathlib
import sys
import time

import numpy as np
import torch
from torch import nn

name, threads, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(1)
root = pathlib.Path(__file__).resolve().parent.parent / "data" / "mnist"
images = np.fromfile(root / "train-images-idx3-ubyte", dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)[:count]
labels = np.fromfile(root / "train-labels-idx1-ubyte", dtype=np.uint8, offset=8)[:count]
x = torch.from_numpy(images.astype(np.float32) / 255.0)
y = torch.from_numpy(labels.astype(np.int64))

models = {
    "sougrati": lambda: nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10)),
    "lazovic2020": lambda: nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 32, 5, padding=2), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1568, 10)),
}
model = models[name]()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = nn.CrossEntropyLoss()
order = torch.randperm(count)
start = time.perf_counter()
for b in range(0, count, 32):
    idx = order[b:b + 32]
    optimizer.zero_grad()
    loss = loss_fn(model(x[idx]), y[idx])
    loss.backward()
    optimizer.step()
seconds = time.perf_counter() - start
print(f"pytorch samples/s: {count / seconds:.0f} ({seconds:.1f} s, {threads} threads, final batch loss {loss.item():.3f})")
