#!/usr/bin/env python3
"""Reference values for the dropout lesson (lessons/dropout.toml), computed by PyTorch in float64.

PyTorch's generator cannot reproduce the core's mask (std::mt19937_64 with a uniform distribution),
so the mask is taken as given: it is read from the lesson's own trace (`neurostep trace dropout
--format json`, step "mask", value "m"), and everything that follows from it is computed here
independently — ã = a·m/(1 − p), z = Wã + b, E = ½ Σ (z − y)², its gradients by autograd, the
inference z without a mask, Jäppinen's scaling and the unscaled recipe.
The numbers a, p, W, b, y are read from the lesson file itself, not from the trace.
tests/lessons/engines/test_dropout.cpp compares the trace with the result (relative error < 1e-9).

Usage (from the repository root, after a build):
    /usr/bin/python3 tests/reference/make_dropout_reference.py [--app build/neurostep]
"""
import argparse
import json
import pathlib
import subprocess
import tomllib

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]


def lesson_numbers(path):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    d, n = doc["dropout"], doc["next_layer"]
    outputs = len(n["weights"])
    return {"a": d["a"], "p": d["p"], "seed": d["seed"], "W": n["weights"],
            "b": n.get("biases", [0.0] * outputs), "y": n["target"]}


def engine_mask(app, lesson):
    out = subprocess.run([str(app), "trace", str(lesson), "--format", "json", "--steps", "1"],
                         check=True, capture_output=True, text=True).stdout
    step = json.loads(out)["steps"][0]
    assert step["id"] == "mask", step["id"]
    return step["values"]["m"]


def reference(x):
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    p = x["p"]
    a, W, b, y, m = t(x["a"]).requires_grad_(), t(x["W"]).requires_grad_(), t(x["b"]).requires_grad_(), t(x["y"]), t(x["mask"])
    a_tilde = a * m / (1 - p)          # inverted dropout
    a_tilde.retain_grad()
    z = W @ a_tilde + b
    z.retain_grad()
    E = 0.5 * ((z - y) ** 2).sum()
    E.backward()
    with torch.no_grad():
        am = a * m
        return {
            "a_tilde": a_tilde.tolist(), "z": z.tolist(), "E": E.item(),
            "delta": z.grad.tolist(), "dE_da_tilde": a_tilde.grad.tolist(), "dE_da": a.grad.tolist(),
            "dW": W.grad.tolist(), "db": b.grad.tolist(),
            "z_eval": (W @ a + b).tolist(),
            "z_jappinen2024": ((W @ am) / (1 - p) + b).tolist(),
            "z_unscaled": (W @ am + b).tolist(),
            "z_unscaled_eval": (((1 - p) * W) @ a + b).tolist(),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default=str(ROOT / "build" / "neurostep"))
    parser.add_argument("--lesson", default=str(ROOT / "lessons" / "dropout.toml"))
    parser.add_argument("--out", default=str(ROOT / "tests" / "reference" / "dropout_reference.json"))
    args = parser.parse_args()
    x = lesson_numbers(args.lesson)
    x["mask"] = engine_mask(args.app, args.lesson)
    result = {"source": f"PyTorch {torch.__version__}, float64; the mask from the lesson's trace",
              "lesson": "dropout", "inputs": x, "values": reference(x)}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(args.out)


if __name__ == "__main__":
    main()
