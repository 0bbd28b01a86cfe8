#!/usr/bin/python3
"""Reference values worked out in plain Python (float64, the math module; no library of the app's).

Reads the lesson files and writes tests/reference/plain_reference.json, one key per item:

  activations_extras   lessons/activations.toml: σ(w·x + b) and −b/w per bias (the bias shift), the
                       general logistic L/(1 + e^(−k(x − x₀))) and its slope at x and at x₀, the
                       absolute and squared errors with their slopes, and the cross-entropy in
                       base e and base 2 with ∂/∂p and the softmax's δ in both bases.
  chain_rule_symmetry  lessons/chain-rule.toml's network (sigmoid units, ½Σ(t − o)², its example and
                       η): every weight 1/√fan-in, every bias 0, then 3 SGD updates of weights and
                       biases; the first hidden layer's weights (row-major) before and after each.

Each key records the inputs it was made from; the tests check they are still the files'. Run it
again after changing those numbers: /usr/bin/python3 tests/reference/make_plain_reference.py
"""
import json
import math
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "reference" / "plain_reference.json"
UPDATES = 3


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def activations_extras(lesson):
    a = lesson["activations"]
    w, x, biases = a["bias_weight"], a["bias_input"], a["biases"]
    L, k, x0 = a["logistic_height"], a["logistic_steepness"], a["logistic_midpoint"]
    p, y = a["prediction"], a["target"]
    z, target = a["softmax_z"], a["target_class"]
    exps = [math.exp(v) for v in z]
    soft = [e / sum(exps) for e in exps]
    delta = [s - (1.0 if i == target else 0.0) for i, s in enumerate(soft)]
    f = L / (1 + math.exp(-k * (x - x0)))
    return {
        "inputs": {"bias_weight": w, "bias_input": x, "biases": biases, "logistic": [L, k, x0], "prediction": p, "target": y,
                   "softmax_z": z, "target_class": target},
        "a": [sigmoid(w * x + b) for b in biases],
        "midpoints": [-b / w for b in biases],
        "f": f,
        "df": k * f * (1 - f / L),
        "slope_mid": k * L / 4,
        "E_abs": abs(p - y),
        "dE_abs": math.copysign(1.0, p - y) if p != y else 0.0,
        "E_sq": (p - y) ** 2,
        "dE_sq": 2 * (p - y),
        "E": -math.log(p),
        "E_2": -math.log2(p),
        "dE_dp": -1 / p,
        "dE2_dp": -1 / (p * math.log(2)),
        "delta": delta,
        "delta_2": [d / math.log(2) for d in delta],
    }


def chain_rule_symmetry(lesson):
    net = lesson["network"]
    sizes, x, t, eta = net["sizes"], net["input"], net["target"], net["learning_rate"]
    assert net["activation"] == "sigmoid" and net["loss"] == "half_squared_error"
    W = [[[1 / math.sqrt(sizes[l])] * sizes[l] for _ in range(sizes[l + 1])] for l in range(len(sizes) - 1)]
    b = [[0.0] * sizes[l + 1] for l in range(len(sizes) - 1)]
    hidden = [[v for row in W[0] for v in row]]
    for _ in range(UPDATES):
        acts = [x]
        for Wl, bl in zip(W, b):
            acts.append([sigmoid(sum(w * a for w, a in zip(row, acts[-1])) + bj) for row, bj in zip(Wl, bl)])
        delta = [(o - tk) * o * (1 - o) for o, tk in zip(acts[-1], t)]  # ∂(½Σ(t − o)²)/∂z
        for l in reversed(range(len(W))):
            below = [sum(W[l][j][i] * delta[j] for j in range(len(delta))) * acts[l][i] * (1 - acts[l][i]) for i in range(len(acts[l]))]
            for j in range(len(W[l])):
                for i in range(len(W[l][j])):
                    W[l][j][i] -= eta * delta[j] * acts[l][i]
                b[l][j] -= eta * delta[j]
            delta = below
        hidden.append([v for row in W[0] for v in row])
    return {"inputs": {"sizes": sizes, "input": x, "target": t, "learning_rate": eta, "updates": UPDATES}, "hidden_W": hidden}


def main():
    read = lambda name: tomllib.loads((ROOT / "lessons" / name).read_text())
    out = {"activations_extras": activations_extras(read("activations.toml")),
           "chain_rule_symmetry": chain_rule_symmetry(read("chain-rule.toml"))}
    OUT.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
