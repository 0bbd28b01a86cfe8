// expression.h — a formula the student types, f(x) or f(x, y) (a class boundary y = f(x), a
// regression surface z = f(x, y)), parsed once by muparser (Debian's libmuparser) and evaluated
// many times.
//
// Besides muparser's own syntax (+ − * / ^, sin cos tan exp log sqrt abs min max …, pi, _e) a
// product may be written as on paper: "3x", "2(x + 1)", "(x + 1)(x − 1)", "2sin(x)" and "x y" mean
// 3*x, 2*(x + 1), … — a "*" is put between a number or ")" or a variable and a following
// letter, digit-free name or "(" before muparser sees the text; "·" and "×" multiply and "−"
// subtracts, as the app prints them; sigmoid(z) is σ(z) = 1/(1 + e^(−z)). Error positions always refer to the
// text as the student typed it.
#pragma once

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurostep {

// A formula that cannot be used: what() is "column C: message" (1-based column of the typed text).
struct ExpressionError : std::runtime_error {
  ExpressionError(int column, const std::string& message);
  int column;           // 1-based position in the typed text
  std::string message;  // without the position: "unknown name \"z\""
};

class Expression {
 public:
  // `variables`: the names the formula may use, in the order operator() takes them ({"x"} or
  // {"x", "y"}). Throws ExpressionError for anything muparser rejects (syntax, unknown names,
  // empty text); a formula that parses is evaluated once at x = y = 0.5 to catch the rest.
  Expression(std::string text, std::vector<std::string> variables);

  const std::string& text() const;
  // The value at (x, y); y is ignored by a formula of x alone. May be NaN or infinite (log(−1),
  // 1/0): callers check. Not thread-safe: one Expression per thread.
  double operator()(double x, double y = 0) const;
  // The value with every variable given, in the order of `variables` (a numbers line of a lesson
  // has one variable a number: lessons/framework/numbers_line.h).
  double operator()(std::span<const double> values) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // muparser keeps pointers to the variables: they live in Impl
};

}  // namespace neurostep
