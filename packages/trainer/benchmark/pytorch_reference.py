#!/usr/bin/env python3
"""Training throughput of the trainer's CNN in PyTorch on the CPU, for comparison only.

PyTorch is never a dependency of the trainer. With it installed (Debian/Ubuntu:
`apt-get install python3-torch`, then run with /usr/bin/python3), this times the architecture of
src/model/network.ts: five 3x3 convolutions 32-32-pool-64-64-pool-128 without bias ('valid'
padding but the last), each followed by batch norm and ReLU, global average pooling, dense 10;
Adam, cross-entropy with label smoothing 0.05. Inputs are random [batch, 1, 28, 28] images
(no augmentation, no data loading: the best case for PyTorch). Prints one JSON line per thread
count, like the trainer's bench:

  {"bench":"train","framework":"pytorch","threads":1,"samplesPerSec":...,"samplesPerCpuSec":...,...}

Usage: pytorch_reference.py [--threads 1,2] [--steps 20] [--batch-size 64] [--rounds 1]
"""
import argparse
import json
import time

import torch
from torch import nn


def network() -> nn.Module:
    layers = []
    channels = 1
    for i, (out, padding) in enumerate(zip([32, 32, 64, 64, 128], [0, 0, 0, 0, 1])):
        layers += [
            nn.Conv2d(channels, out, 3, padding=padding, bias=False),
            nn.BatchNorm2d(out, eps=1e-3, momentum=0.1),
            nn.ReLU(),
        ]
        if i in (1, 3):
            layers.append(nn.MaxPool2d(2))
        channels = out
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10)]
    return nn.Sequential(*layers)


def samples_per_sec(threads: int, steps: int, batch: int) -> tuple[float, float]:
    """Samples per second of wall time and per second of CPU time (all threads)."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = network()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))

    def step() -> None:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    step()  # warm-up: first-use allocations
    started = time.perf_counter()
    cpu_started = time.process_time()
    for _ in range(steps):
        step()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return steps * batch / wall, steps * batch / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for _ in range(args.rounds):
        for threads in (int(t) for t in args.threads.split(",")):
            rate, cpu_rate = samples_per_sec(threads, args.steps, args.batch_size)
            print(
                json.dumps(
                    {
                        "bench": "train",
                        "framework": "pytorch",
                        "version": torch.__version__,
                        "threads": threads,
                        "samplesPerSec": round(rate, 1),
                        "samplesPerCpuSec": round(cpu_rate, 1),
                        "batchSize": args.batch_size,
                        "steps": args.steps,
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
