#!/usr/bin/env python3
"""PyTorch eager yardstick for `vsam bench speed` (issue 17, README "Speed"): one SGD epoch of cnn-s.

The same model as `cnn-s` (docs/ARCHITECTURE.md, the model catalogue: [conv3x3 16, BN, ReLU] x2, max pool 2,
[conv3x3 32, BN, ReLU] x2, max pool 2, linear 128, ReLU, linear 10, convolutions without bias), the same data
(Fashion-MNIST from the idx files, normalised by the training set's mean and standard deviation, reshuffled
each epoch, batch 128, the last partial batch dropped as vsam's loader does), the same loss (cross-entropy
with label smoothing 0.1) and the same update (SGD, learning rate 0.05, momentum 0.9, weight decay 5e-4).
Timed like a vsam run's training time: the epoch's steps, evaluation excluded, after a few untimed warm-up
steps. Prints one line per epoch and the median step.

    python3 vsam.bench/python/cnn_s_epoch.py [--data DIR] [--threads 2] [--epochs 2]

Needs PyTorch (Debian: `apt-get install python3-torch`).
"""
import argparse
import gzip
import os
import statistics
import struct
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise SystemExit(f"error: no {stem}(.gz) in {folder}")


def cnn_s(classes=10):
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return nn.Sequential(*block(1, 16), *block(16, 16), nn.MaxPool2d(2), *block(16, 32), *block(32, 32),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, classes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    images = read_idx(find(args.data, "train-images-idx3-ubyte")).float().div_(255)
    labels = read_idx(find(args.data, "train-labels-idx1-ubyte")).long()
    mean, std = images.mean().item(), images.std().item()
    images = images.sub_(mean).div_(std).unsqueeze(1).contiguous()

    model = cnn_s()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    model.train()
    steps = len(images) // args.batch

    def step(x, y):
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y, label_smoothing=0.1)
        loss.backward()
        optimizer.step()
        return loss.item()

    for i in range(5):
        step(images[i * args.batch:(i + 1) * args.batch], labels[i * args.batch:(i + 1) * args.batch])

    millis = []
    for epoch in range(args.epochs):
        order = torch.randperm(len(images))
        start = time.perf_counter()
        for s in range(steps):
            t0 = time.perf_counter()
            idx = order[s * args.batch:(s + 1) * args.batch]
            step(images[idx], labels[idx])
            millis.append(1000 * (time.perf_counter() - t0))
        print(f"pytorch {torch.__version__} eager, cnn-s, batch {args.batch}, {args.threads} threads: "
              f"epoch {epoch + 1} of {steps} steps in {time.perf_counter() - start:.1f} s")
    print(f"median step {statistics.median(millis):.1f} ms, p10 {sorted(millis)[len(millis) // 10]:.1f} ms")


if __name__ == "__main__":
    main()
