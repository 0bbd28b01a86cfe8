#!/usr/bin/python3
"""Reference values for the lessons, from PyTorch (an independent implementation) in float64.

Reads each lesson's own numbers from its file in lessons/ and writes tests/reference/lessons_reference.json,
one key per lesson kind; tests/lessons/engines/test_<kind>.cpp compares the lesson's trace with it.
Run it again whenever a lesson file's numbers change:

    /usr/bin/python3 tests/reference/make_lesson_reference.py

Adding a lesson: write one function that takes the parsed lesson file and returns a dict, and list
it in LESSONS. Needs Python 3.11 (tomllib) and torch (Debian: python3-torch).
"""
import json
import pathlib
import tomllib

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "reference" / "lessons_reference.json"


def tolist(t):
    return t.detach().tolist()


def batch_norm(lesson):
    """lessons/batch-norm.toml: BatchNorm1d on the (N, C) batch, E = Σ δ·y."""
    b = lesson["batch_norm"]
    x0 = torch.tensor(b["batch"], dtype=torch.float64)
    delta = torch.tensor(b["upstream"], dtype=torch.float64)
    eps, momentum, batches = b.get("epsilon", 1e-5), b.get("momentum", 0.1), b.get("batches", 30)
    bn = torch.nn.BatchNorm1d(x0.shape[1], eps=eps, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(b["gamma"], dtype=torch.float64))
        bn.bias.copy_(torch.tensor(b["beta"], dtype=torch.float64))

    bn.train()
    x = x0.clone().requires_grad_(True)
    y = bn(x)
    (y * delta).sum().backward()  # E = Σ δ·y, so ∂E/∂y = δ
    mean, var = x0.mean(0), x0.var(0, unbiased=False)
    out = {
        "inputs": {"batch": b["batch"], "gamma": b["gamma"], "beta": b["beta"], "upstream": b["upstream"],
                   "epsilon": eps, "momentum": momentum, "batches": batches},
        "mean": tolist(mean),
        "variance": tolist(var),
        "x_hat": tolist((x0 - mean) / torch.sqrt(var + eps)),
        "y_train": tolist(y),
        "dx": tolist(x.grad),
        "dgamma": tolist(bn.weight.grad),
        "dbeta": tolist(bn.bias.grad),
        "running_mean": tolist(bn.running_mean),
        "running_var": tolist(bn.running_var),
    }
    bn.eval()
    with torch.no_grad():
        out["y_eval"] = tolist(bn(x0))
        bn.train()
        for _ in range(batches):  # the same batch again, as the lesson's further batches
            bn(x0)
        out["after_batches"] = {"running_mean": tolist(bn.running_mean), "running_var": tolist(bn.running_var)}
        bn.eval()
        out["after_batches"]["y_eval"] = tolist(bn(x0))
    return out


LESSONS = {
    "batch_norm": ("batch-norm.toml", batch_norm),
}


def main():
    reference = {"generated_by": "tests/reference/make_lesson_reference.py", "torch": torch.__version__}
    for key, (file, make) in LESSONS.items():
        with open(ROOT / "lessons" / file, "rb") as f:
            reference[key] = make(tomllib.load(f))
    OUT.write_text(json.dumps(reference, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {', '.join(LESSONS)}")


if __name__ == "__main__":
    main()
