"""PyTorch reference for `make bench`'s ncf-ml1m cases: the same two NCF models, trained the
same way on an epoch of MovieLens-1M's shape, timed on this machine.

    python3 Benchmarks/pytorch/ncf_epoch.py --threads 1 2 --write Benchmarks/pytorch/measured.json

Models (as RecModels.NeuMF / MLPRecommender build them):
  neumf-f8  GMF embeddings 8 + MLP embeddings 32 per side, tower 64-32-16-8 (ReLU), output 16 -> 1
  mlp-f64   embeddings 256 per side, tower 512-256-128-64 (ReLU), output 64 -> 1
Embeddings from N(0, 0.01^2), sigmoid output with BCE (BCEWithLogitsLoss), batch 256,
4 negatives per positive, learning rate 0.001.
Optimisers:
  sparse    nn.Embedding(sparse=True) + torch.optim.SparseAdam for the tables, Adam for the rest
  dense     plain Adam over everything (dense embedding gradients)
Data: Data/ncf-ml-1m/ml-1m.train.pairs.tsv when present (the first two columns), else
994,169 synthetic pairs over 6,040 users and 3,706 items from a seeded generator.
A fixed number of batches is timed after 50 warm-up batches and scaled to the epoch
(wall clock and process CPU time, which counts every thread).
"""

import argparse
import datetime
import json
import os
import platform
import time

import numpy as np
import torch
from torch import nn

USERS, ITEMS = 6040, 3706
PAIRS_PATH = "Data/ncf-ml-1m/ml-1m.train.pairs.tsv"


def training_pairs():
    if os.path.exists(PAIRS_PATH):
        pairs = np.loadtxt(PAIRS_PATH, dtype=np.int64, usecols=(0, 1), delimiter="\t")
        return pairs[:, 0], pairs[:, 1], "real pairs"
    rng = np.random.default_rng(1_000_209)
    codes = set()
    while len(codes) < 994_169:
        a, b = rng.random(200_000), rng.random(200_000)
        for u, i in zip((USERS * a * a).astype(int), (ITEMS * b * b).astype(int)):
            codes.add(int(u) * ITEMS + int(i))
    codes = np.array(sorted(codes)[:994_169])
    return codes // ITEMS, codes % ITEMS, "synthetic pairs"


def epoch_instances(users, items, negatives, seed):
    """Every positive and `negatives` items per positive that the user did not interact with."""
    rng = np.random.default_rng(seed)
    known = set((users * ITEMS + items).tolist())
    neg_users = np.repeat(users, negatives)
    neg_items = rng.integers(0, ITEMS, size=neg_users.size)
    clash = np.array([u * ITEMS + i in known for u, i in zip(neg_users, neg_items)])
    while clash.any():
        neg_items[clash] = rng.integers(0, ITEMS, size=int(clash.sum()))
        idx = np.nonzero(clash)[0]
        clash[idx] = [neg_users[k] * ITEMS + neg_items[k] in known for k in idx]
    u = np.concatenate([users, neg_users])
    i = np.concatenate([items, neg_items])
    y = np.concatenate([np.ones(users.size, np.float32), np.zeros(neg_users.size, np.float32)])
    order = rng.permutation(u.size)
    return torch.from_numpy(u[order]), torch.from_numpy(i[order]), torch.from_numpy(y[order])


def embedding(count, width, sparse):
    e = nn.Embedding(count, width, sparse=sparse)
    nn.init.normal_(e.weight, std=0.01)
    return e


def tower(sizes):
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


class NeuMF(nn.Module):
    def __init__(self, factors, sparse):
        super().__init__()
        sizes = [factors * 8, factors * 4, factors * 2, factors]
        self.gmf_user, self.gmf_item = embedding(USERS, factors, sparse), embedding(ITEMS, factors, sparse)
        self.mlp_user = embedding(USERS, sizes[0] // 2, sparse)
        self.mlp_item = embedding(ITEMS, sizes[0] // 2, sparse)
        self.tower = tower(sizes)
        self.output = nn.Linear(2 * factors, 1)

    def forward(self, u, i):
        gmf = self.gmf_user(u) * self.gmf_item(i)
        mlp = self.tower(torch.cat([self.mlp_user(u), self.mlp_item(i)], dim=1))
        return self.output(torch.cat([gmf, mlp], dim=1))


class MLP(nn.Module):
    def __init__(self, factors, sparse):
        super().__init__()
        sizes = [factors * 8, factors * 4, factors * 2, factors]
        self.user, self.item = embedding(USERS, sizes[0] // 2, sparse), embedding(ITEMS, sizes[0] // 2, sparse)
        self.tower = tower(sizes)
        self.output = nn.Linear(factors, 1)

    def forward(self, u, i):
        return self.output(self.tower(torch.cat([self.user(u), self.item(i)], dim=1)))


def run_case(name, optimizer, threads, data, batches):
    torch.set_num_threads(threads)
    torch.manual_seed(7)
    sparse = optimizer == "sparse"
    model = NeuMF(8, sparse) if name == "neumf-f8" else MLP(64, sparse)
    if sparse:
        tables = [p for m in model.modules() if isinstance(m, nn.Embedding) for p in m.parameters()]
        ids = {id(p) for p in tables}
        rest = [p for p in model.parameters() if id(p) not in ids]
        optimizers = [torch.optim.SparseAdam(tables, lr=0.001), torch.optim.Adam(rest, lr=0.001)]
    else:
        optimizers = [torch.optim.Adam(model.parameters(), lr=0.001)]
    loss_fn = nn.BCEWithLogitsLoss()
    u, i, y = data
    total = (u.numel() + 255) // 256

    def step(b):
        s = slice(b * 256, (b + 1) * 256)
        for o in optimizers:
            o.zero_grad()
        loss = loss_fn(model(u[s], i[s]).squeeze(1), y[s])
        loss.backward()
        for o in optimizers:
            o.step()

    for b in range(50):
        step(b)
    timed = min(batches, total - 50)
    w0, c0 = time.perf_counter(), time.process_time()
    for b in range(50, 50 + timed):
        step(b)
    w1, c1 = time.perf_counter(), time.process_time()
    scale = total / timed
    return {
        "model": name, "optimizer": optimizer, "threads": threads,
        "seconds_per_epoch": round((w1 - w0) * scale, 2),
        "cpu_seconds_per_epoch": round((c1 - c0) * scale, 2),
        "batches_timed": timed, "batches_per_epoch": total,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--models", nargs="+", default=["neumf-f8", "mlp-f64"])
    parser.add_argument("--optimizers", nargs="+", default=["sparse", "dense"])
    parser.add_argument("--batches", type=int, default=1000, help="batches timed per case (dense MLP: half)")
    parser.add_argument("--write", help="write the figures as JSON to this file")
    args = parser.parse_args()
    users, items, kind = training_pairs()
    t = time.perf_counter()
    data = epoch_instances(users, items, 4, seed=6)
    print(f"{kind}: {users.size} positives, {data[0].numel()} instances (sampled in {time.perf_counter() - t:.1f} s)")
    results = []
    for name in args.models:
        for optimizer in args.optimizers:
            for threads in args.threads:
                n = args.batches // 2 if (name, optimizer) == ("mlp-f64", "dense") else args.batches
                r = run_case(name, optimizer, threads, data, n)
                print(f"{name:9} {optimizer:6} threads {threads}: {r['seconds_per_epoch']:7.1f} s/epoch wall, "
                      f"{r['cpu_seconds_per_epoch']:7.1f} s CPU (from {r['batches_timed']} batches)", flush=True)
                results.append(r)
    if args.write:
        source = (f"Benchmarks/pytorch/ncf_epoch.py, torch {torch.__version__}, Python {platform.python_version()}, "
                  f"{kind}, {platform.processor() or platform.machine()} with {os.cpu_count()} cores, "
                  f"{datetime.date.today().isoformat()}")
        with open(args.write, "w") as f:
            json.dump({"source": source, "results": results}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
