// gradient_descent_numbers.h — the gradient-descent lesson's error functions and their derivatives
// (internal to the kind, in namespace gradient_descent), on plain numbers: the steps descend them and
// the figures draw them.
#pragma once

namespace neurostep::gradient_descent {

double E1(double w);   // (w − 1)² + 0.5: one minimum (Lazović 2020, Fig. 14a)
double dE1(double w);  // 2(w − 1)
double E2(double w);  // w⁴/4 − w² + 0.3w + 2: a local minimum at w ≈ 1.33, the lowest at w ≈ −1.48 (Fig. 14b)
double dE2(double w);            // w³ − 2w + 0.3
double Exy(double x, double y);  // x²/2 + 5y²: a long narrow valley; its gradient is (x, 10y)

}  // namespace neurostep::gradient_descent
