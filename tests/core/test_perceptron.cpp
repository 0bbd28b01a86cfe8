// The perceptron rule and exact fractions: a sum that is exactly 0 on paper stays 0.
#include <doctest/doctest.h>

#include <stdexcept>

#include "core/perceptron.h"
#include "core/rational.h"

using namespace neurostep;

TEST_CASE("Rational: decimals as written, exact arithmetic") {
  CHECK(Rational::from_decimal(0.8) == Rational(4, 5));
  CHECK(Rational::from_decimal(-0.25) == Rational(-1, 4));
  CHECK(Rational::from_decimal(3) == Rational(3));
  // 0.1 + 0.2 − 0.3 is 5.55e−17 in double, exactly 0 as fractions.
  CHECK(0.1 + 0.2 - 0.3 != 0.0);
  CHECK((Rational::from_decimal(0.1) + Rational::from_decimal(0.2) - Rational::from_decimal(0.3)).sign() == 0);
  CHECK(Rational(1, 3) * Rational(3, 4) == Rational(1, 4));
  CHECK(Rational(2, 3) > Rational(3, 5));
  CHECK_THROWS_AS(Rational::from_decimal(1e300), std::overflow_error);
}

TEST_CASE("perceptron: Sougrati et al.'s first AND updates, by hand") {
  // w = (0.8, −1, −1), η = 0.2. (0,0): z = 0.8 > 0 → ŷ = 1, y = 0 → w = (0.6, −1, −1).
  std::vector<Rational> w = {Rational(4, 5), -1, -1};
  const Rational eta(1, 5);
  std::vector<Rational> x = {1, 0, 0};
  CHECK(heaviside(weighted_sum(w, x)) == 1);
  perceptron_update(w, x, eta, 0, 1);
  CHECK(w == std::vector<Rational>{Rational(3, 5), -1, -1});
  // (1,1): z = 0.6 − 2 = −1.4 → ŷ = 0, y = 1 → w = (0.8, −0.8, −0.8).
  x = {1, 1, 1};
  CHECK(heaviside(weighted_sum(w, x)) == 0);
  perceptron_update(w, x, eta, 1, 0);
  CHECK(w == std::vector<Rational>{Rational(4, 5), Rational(-4, 5), Rational(-4, 5)});
  // (0,1): z = 0.8 − 0.8 = 0 exactly → ŷ = 0 = y: no update.
  CHECK(weighted_sum(w, std::vector<Rational>{1, 0, 1}).sign() == 0);
  CHECK(heaviside(weighted_sum(w, std::vector<Rational>{1, 0, 1})) == 0);
}
