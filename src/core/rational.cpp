#include "core/rational.h"

#include <fmt/format.h>

#include <charconv>
#include <numeric>
#include <stdexcept>

namespace neurostep {

namespace {
__extension__ typedef __int128 int128;  // GCC and Clang: exact products of two 64-bit numbers

std::int64_t checked(int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) throw std::overflow_error("Rational: the exact fraction grew beyond 64 bits");
  return static_cast<std::int64_t>(v);
}
}  // namespace

Rational::Rational(std::int64_t num, std::int64_t den) {
  if (den == 0) throw std::domain_error("Rational: zero denominator");
  if (den < 0) num = -num, den = -den;
  const std::int64_t g = std::gcd(num, den);
  num_ = g ? num / g : 0;
  den_ = g ? den / g : 1;
}

Rational Rational::from_decimal(double value) {
  const std::string text = fmt::format("{:.15g}", value);  // the decimal as written, e.g. "0.8"
  if (text.find_first_of("eEn") != std::string::npos)
    throw std::overflow_error(fmt::format("Rational: {} is too large or too small for an exact fraction", text));
  const auto dot = text.find('.');
  const std::string digits = dot == std::string::npos ? text : text.substr(0, dot) + text.substr(dot + 1);
  std::int64_t num = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), num);
  std::int64_t den = 1;
  for (std::size_t i = dot == std::string::npos ? 0 : text.size() - dot - 1; i > 0; --i) den *= 10;
  return Rational(num, den);
}

Rational operator+(Rational a, Rational b) {
  const std::int64_t g = std::gcd(a.den_, b.den_);
  return Rational(checked(int128(a.num_) * (b.den_ / g) + int128(b.num_) * (a.den_ / g)),
                  checked(int128(a.den_) * (b.den_ / g)));
}

Rational operator-(Rational a, Rational b) { return a + Rational(-b.num_, b.den_); }

Rational operator*(Rational a, Rational b) {
  const std::int64_t g1 = std::gcd(a.num_, b.den_), g2 = std::gcd(b.num_, a.den_);
  const std::int64_t d1 = g1 ? g1 : 1, d2 = g2 ? g2 : 1;
  return Rational(checked(int128(a.num_ / d1) * (b.num_ / d2)), checked(int128(a.den_ / d2) * (b.den_ / d1)));
}

}  // namespace neurostep
