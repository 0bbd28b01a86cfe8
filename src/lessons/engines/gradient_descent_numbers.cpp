#include "lessons/engines/gradient_descent_numbers.h"

namespace neurostep::gradient_descent {

double E1(double w) { return (w - 1) * (w - 1) + 0.5; }
double dE1(double w) { return 2 * (w - 1); }
double E2(double w) { return 0.25 * w * w * w * w - w * w + 0.3 * w + 2; }
double dE2(double w) { return w * w * w - 2 * w + 0.3; }
double Exy(double x, double y) { return 0.5 * x * x + 5 * y * y; }

}  // namespace neurostep::gradient_descent
