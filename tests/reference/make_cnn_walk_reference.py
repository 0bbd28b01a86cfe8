#!/usr/bin/python3
"""The cnn-walk lesson's numbers computed by PyTorch in float64: an independent implementation.

Takes the lesson's inputs from the lesson file (kernels, biases, learning rate, steps) and from the
engine's trace (the digit and the dense weights drawn from the seed), runs the same network with
torch.nn.functional and autograd, and writes tests/reference/cnn_walk_reference.json, which
tests/lessons/engines/test_cnn_walk.cpp compares with the trace.

Usage (from the source tree, after a build): /usr/bin/python3 tests/reference/make_cnn_walk_reference.py
Needs Debian's python3-torch.
"""
import json
import subprocess
import tomllib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

lesson = tomllib.load(open("lessons/cnn-walk.toml", "rb"))
trace = json.loads(subprocess.run(["build/neurostep", "trace", "cnn-walk", "--format", "json"], check=True,
                                  capture_output=True, text=True).stdout)
setup = trace["steps"][0]["values"]
net = lesson["network"]

x = torch.tensor(setup["digit"]).reshape(1, 1, 28, 28)
label = torch.tensor([int(setup["label"])])
K = torch.tensor(net["kernels"]).unsqueeze(1).requires_grad_()
b = torch.tensor(net["bias"]).requires_grad_()
W = torch.tensor(setup["dense_W"]).requires_grad_()
c = torch.zeros(10, requires_grad=True)
pool = net.get("pool", 2)
lr = net["learning_rate"]


def forward():
    Z = F.conv2d(x, K, b)
    A = F.relu(Z)
    P = F.max_pool2d(A, pool)
    logits = F.linear(P.flatten(1), W, c)
    return Z, A, P, logits, F.cross_entropy(logits, label, reduction="sum")


Z, A, P, logits, E = forward()
for t in (Z, A, P, logits):
    t.retain_grad()
E.backward()


def flat(t):
    return t.detach().flatten().tolist()


reference = {
    "about": "cnn-walk lesson (lessons/cnn-walk.toml) computed by PyTorch " + torch.__version__ + " in float64 "
             "by tests/reference/make_cnn_walk_reference.py; maps flattened (filter, row, column)",
    "Z": flat(Z), "A": flat(A), "P": flat(P), "logits": flat(logits),
    "probabilities": flat(F.softmax(logits, 1)), "E": E.item(),
    "delta_out": flat(logits.grad), "delta_P": flat(P.grad), "delta_A": flat(A.grad), "delta_Z": flat(Z.grad),
    "dK": flat(K.grad), "db_conv": flat(b.grad), "dW": flat(W.grad), "db": flat(c.grad),
}
losses = []
with torch.no_grad():
    for p in (K, b, W, c):
        p -= lr * p.grad
reference["K_after"] = flat(K)
for step in range(net.get("train_steps", 20) + 1):
    for p in (K, b, W, c):
        p.grad = None
    E = forward()[4]
    losses.append(E.item())
    if step == net.get("train_steps", 20):
        break
    E.backward()
    with torch.no_grad():
        for p in (K, b, W, c):
            p -= lr * p.grad
reference["losses"] = losses
json.dump(reference, open("tests/reference/cnn_walk_reference.json", "w"), indent=1)
print("wrote tests/reference/cnn_walk_reference.json")
