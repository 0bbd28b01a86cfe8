#include "lessons/framework/slips.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "figure/number_text.h"
#include "lessons/framework/numbers_line.h"

namespace neurostep {

namespace {

constexpr std::string_view kDot = "·";

// `text` split at every top-level `sep` (outside brackets).
std::vector<std::string> split_top(std::string_view text, std::string_view sep) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[')
      ++depth;
    else if (c == ')' || c == ']')
      --depth;
    else if (depth == 0 && text.substr(i, sep.size()) == sep) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + sep.size();
      i += sep.size() - 1;
    }
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

int count_args(std::string_view s) {
  int n = 0;
  for (std::size_t at = s.find("{}"); at != std::string_view::npos; at = s.find("{}", at + 2)) ++n;
  return n;
}

// The right-hand side of the symbols that the numbers line writes out: after the last " = ", the
// reference to the thesis ("   (Creus & Picón, eq. 10)") left off.
std::string symbol_rhs(const std::string& symbols) {
  std::string s = symbols;
  if (const auto ref = s.find("   ("); ref != std::string::npos) s.resize(ref);
  if (const auto eq = s.rfind(" = "); eq != std::string::npos) s = s.substr(eq + 3);
  return s;
}

// "a(1 − a)" → "a": the form of σ′(z) written through the activation.
std::optional<std::string> sigmoid_prime_of(const std::string& factor) {
  const auto open = factor.find("(1 − ");
  if (open == std::string::npos || open == 0 || factor.back() != ')') return std::nullopt;
  const std::string a = factor.substr(0, open);
  if (factor.substr(open + std::string("(1 − ").size(), a.size()) != a) return std::nullopt;
  return a;
}

bool near(double x, double y, double within) { return std::abs(x - y) <= within; }

// What dividing by N − 1 instead of N gives, and what leaving the division out gives.
void add_count_slips(double n, double over_n_minus_1, double undivided, std::vector<Slip>& slips) {
  slips.push_back(
      {fmt::format("N − 1 = {} in place of N = {} (as the unbiased variance divides)", n - 1, n), over_n_minus_1});
  slips.push_back({fmt::format("the division by N = {} left out", n), undivided});
}

// A count N that the line divides by, a number of the line ("…/{}") or written into it ("(…)/4"),
// whole and ≥ 2: N − 1 in its place (the unbiased variance where the lesson means the biased one)
// and the division left out. `formula`: the line as muparser reads it.
void add_divisor_slips(const Equation& eq, const NumbersFunction& f, const std::string& formula,
                       std::vector<Slip>& slips) {
  std::size_t k = 0;
  for (std::size_t at = eq.numbers.find("{}"); at != std::string::npos; at = eq.numbers.find("{}", at + 2), ++k) {
    const double n = eq.args.at(k);
    if (at == 0 || eq.numbers[at - 1] != '/' || n < 2 || n != std::round(n)) continue;
    std::vector<double> fewer = eq.args, one = eq.args;
    fewer[k] = n - 1;
    one[k] = 1;
    add_count_slips(n, f(fewer), f(one), slips);
  }
  for (std::size_t at = formula.find('/'); at != std::string::npos; at = formula.find('/', at + 1)) {
    std::size_t end = at + 1;
    while (end < formula.size() && std::isdigit(static_cast<unsigned char>(formula[end]))) ++end;
    if (end == at + 1 ||
        (end < formula.size() && (formula[end] == '.' || std::isalnum(static_cast<unsigned char>(formula[end])))))
      continue;
    const int n = std::stoi(formula.substr(at + 1, end - at - 1));
    if (n < 2) continue;
    const auto with_count = [&](int instead) -> std::optional<double> {
      std::string changed = formula;
      changed.replace(at + 1, end - at - 1, std::to_string(instead));
      const auto g = formula_function(changed, eq.args.size());
      return g ? std::optional<double>((*g)(eq.args)) : std::nullopt;
    };
    const auto fewer = with_count(n - 1), one = with_count(1);
    if (fewer && one) add_count_slips(n, *fewer, *one, slips);
  }
}

// The line with another function: the average for the maximum (pooling), log₂ for ln (the
// cross-entropy in bits).
void add_swapped_function_slips(const Equation& eq, const std::string& formula, std::vector<Slip>& slips) {
  static constexpr struct {
    std::string_view from, to, name;
  } kSwaps[] = {{"max(", "avg(", "the average of the window instead of its maximum"},
                {"ln(", "log2(", "log₂ instead of ln (bits, not nats)"}};
  for (const auto& swap : kSwaps) {
    std::string changed = formula;
    bool any = false;
    for (std::size_t at = changed.find(swap.from); at != std::string::npos;
         at = changed.find(swap.from, at + swap.to.size())) {
      changed.replace(at, swap.from.size(), swap.to);
      any = true;
    }
    if (!any) continue;
    if (const auto g = formula_function(changed, eq.args.size()))
      slips.push_back({std::string(swap.name), (*g)(eq.args)});
  }
  // An average worked as the maximum of its numbers.
  if (eq.symbols.find("average") != std::string::npos && eq.args.size() > 2)
    slips.push_back(
        {"the maximum of the window instead of its average", *std::max_element(eq.args.begin(), eq.args.end() - 1)});
}

// The step's numbers line recomputed with one rule changed (numbers_line.h): one number of the
// line in place of another (a neighbouring input or weight, x₃ for x₁), a sum's last term left
// out where it is one number (the bias forgotten), the value before an update, N − 1 for N, the
// average for the maximum and log₂ for ln.
void add_recomputed_slips(const Equation& eq, int decimals, std::vector<Slip>& slips) {
  const auto f = numbers_function(eq);
  if (!f) return;
  const std::size_t n = eq.args.size();
  if (n <= 8)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j || eq.args[i] == eq.args[j]) continue;
        std::vector<double> x = eq.args;
        x[i] = eq.args[j];
        const double v = (*f)(x);
        // Another slip's value already (a 1 in place of a factor is that factor left out) keeps that name.
        if (std::any_of(slips.begin(), slips.end(),
                        [&](const Slip& s) { return std::abs(s.value - v) <= 1e-12 * std::max(1.0, std::abs(v)); }))
          continue;
        slips.push_back({fmt::format("{} used where {} belongs (a neighbouring number of the line)",
                                     format_number(eq.args[j], decimals), format_number(eq.args[i], decimals)),
                         v});
      }
  const std::string_view line = eq.numbers;
  if (line.size() > 5 && line.ends_with(" + {}") && split_top(line, " + ").size() > 1)
    slips.push_back({"the last term left out (the bias forgotten?)", eq.result[0] - eq.args.back()});
  if (eq.symbols.find("←") != std::string::npos)
    slips.push_back({"the value before the update, not after it", eq.args[0]});
  const std::string formula = *numbers_line_formula(eq.numbers);  // read already: f exists
  add_divisor_slips(eq, *f, formula, slips);
  add_swapped_function_slips(eq, formula, slips);
}

// What each rerun of the step (Step::reruns) gives for the exercise's element, where no slip named
// already gives it (a derivative of 1 in place of σ′ is σ′ left out).
void add_rerun_slips(const Step& step, const Exercise& exercise, std::vector<Slip>& slips) {
  const std::size_t at = exercise.element > 0 ? static_cast<std::size_t>(exercise.element - 1) : 0;
  for (const Rerun& r : step.reruns)
    for (const Value& v : r.values) {
      if (v.name != exercise.value || at >= v.data.size()) continue;
      const double x = v.data[at];
      if (std::none_of(slips.begin(), slips.end(),
                       [&](const Slip& s) { return near(s.value, x, 1e-9 * std::max(1.0, std::abs(x))); }))
        slips.push_back({r.slip, x});
    }
}

}  // namespace

std::string untransposed_slip() { return "W instead of Wᵀ: δ goes back through the transposed weights (wₖⱼ, not wⱼₖ)"; }

std::string other_derivative_slip(std::string_view used, std::string_view right) {
  return fmt::format("{} instead of {}: the derivative of another activation than the layer's", used, right);
}

std::string activation_for_derivative_slip(std::string_view f) {
  return fmt::format("{0}(z) instead of {0}′(z): the activation, not its derivative", f);
}

const Equation* equation_for(const Step& step, const Exercise& exercise) {
  // The n-th element of this value with this answer (n = 0 for the first).
  int nth = 0;
  if (const Value* v = step.find(exercise.value))
    for (int e = 1; e < exercise.element && e <= static_cast<int>(v->data.size()); ++e)
      nth += v->data[static_cast<std::size_t>(e - 1)] == exercise.answer;
  const Equation* first = nullptr;
  for (const Equation& eq : step.equations) {
    if (eq.result.size() != 1 || eq.result[0] != exercise.answer) continue;
    if (!first) first = &eq;
    if (nth-- == 0) return &eq;
  }
  return first;
}

std::vector<Slip> slips_for(const Step& step, const Exercise& exercise, int decimals) {
  const double value = exercise.answer;
  std::vector<Slip> slips{{"a sign error: you have −(the answer)", -value}};
  const Equation* eq = equation_for(step, exercise);
  if (eq && !eq->numbers.empty()) {
    const std::vector<std::string> factors = split_top(eq->numbers, kDot);
    const bool sum = split_top(eq->numbers, " − ").size() > 1 || split_top(eq->numbers, " + ").size() > 1;
    // The symbols' factors, a(1 − a) counted as the two the numbers line writes (a and 1 − a).
    std::vector<std::string> names, whole;
    for (const std::string& f : split_top(symbol_rhs(eq->symbols), kDot)) {
      if (const auto a = sigmoid_prime_of(f)) {
        names.insert(names.end(), {*a, "(1 − " + *a + ")"});
        whole.insert(whole.end(), {f, f});
      } else {
        names.push_back(f);
        whole.push_back(f);
      }
    }
    const bool aligned = names.size() == factors.size();
    if (factors.size() > 1 && !sum) {
      // Where each factor's arguments start.
      std::vector<int> first_arg;
      int at = 0;
      for (const std::string& f : factors) {
        first_arg.push_back(at);
        at += count_args(f);
      }
      const auto arg = [&](std::size_t k) { return eq->args.at(static_cast<std::size_t>(first_arg[k])); };
      const auto usable = [&](std::size_t k) {
        return factors[k] == "{}" && first_arg[k] < static_cast<int>(eq->args.size()) && std::abs(arg(k)) > 1e-12 &&
               arg(k) != 1 && arg(k) != -1;
      };
      for (std::size_t k = 0; k < factors.size(); ++k) {
        if (!usable(k)) continue;
        const std::string name = aligned ? names[k] : "the factor " + format_number(arg(k), decimals);
        slips.push_back({fmt::format("{} left out", name), value / arg(k)});
      }
      for (std::size_t k = 0; k + 1 < factors.size(); ++k) {
        if (!usable(k) || !usable(k + 1)) continue;
        std::string name =
            fmt::format("the factors {}·{}", format_number(arg(k), decimals), format_number(arg(k + 1), decimals));
        if (aligned && whole[k] == whole[k + 1]) {
          name = whole[k];
          if (sigmoid_prime_of(whole[k])) name = "σ′(z) = " + whole[k];
        }
        slips.push_back({fmt::format("{} left out", name), value / (arg(k) * arg(k + 1))});
      }
    }
    // The 2 that (a − y)² gives its derivative.
    const bool two = eq->numbers.rfind("2(", 0) == 0 || eq->numbers.find("·2(") != std::string::npos;
    if (two) {
      slips.push_back({"the 2 of (a − y)² dropped: its derivative is 2(a − y)", value / 2});
      slips.push_back({"the 2 of (a − y)² doubled: 2(a − y) has one 2", value * 2});
    } else if (eq->numbers.rfind("({} − {})", 0) == 0 && eq->symbols.find("∂E/∂o") != std::string::npos) {
      slips.push_back({"a 2 too many: with E = ½(o − t)² the ½ cancels the 2, so ∂E/∂o = o − t", value * 2});
    }
    // An update w ← w − η·g.
    if (eq->symbols.find("←") != std::string::npos && eq->numbers.rfind("{} − {}·", 0) == 0 && eq->args.size() >= 3) {
      const double w = eq->args[0], eta = eq->args[1];
      slips.push_back({"the learning rate applied with the wrong sign: w + η·g instead of w − η·g", 2 * w - value});
      if (eta != 0 && eta != 1) slips.push_back({"η left out: w − g instead of w − η·g", w - (w - value) / eta});
    }
  }
  if (eq) add_recomputed_slips(*eq, decimals, slips);
  add_rerun_slips(step, exercise, slips);
  // A slip that gives (nearly) the right value cannot be told apart from it.
  const double unit = std::pow(10.0, -decimals);
  std::erase_if(slips, [&](const Slip& s) { return !std::isfinite(s.value) || near(s.value, value, 2 * unit); });
  return slips;
}

std::vector<Slip> matching_slips(const Step& step, const Exercise& exercise, double answer, int decimals) {
  std::vector<Slip> found;
  if (!std::isfinite(answer)) return found;
  const double unit = std::pow(10.0, -decimals);
  const double within = std::max(2 * unit, exercise.tolerance.value_or(0.0));
  for (Slip& s : slips_for(step, exercise, decimals))
    if (near(answer, s.value, within) && std::abs(answer - s.value) < std::abs(answer - exercise.answer) &&
        std::none_of(found.begin(), found.end(), [&](const Slip& f) { return f.name == s.name; }))
      found.push_back(std::move(s));
  std::stable_sort(found.begin(), found.end(), [&](const Slip& a, const Slip& b) {
    return std::abs(answer - a.value) < std::abs(answer - b.value);
  });
  return found;
}

std::optional<Slip> name_slip(const Step& step, const Exercise& exercise, double answer, int decimals) {
  if (check_answer(exercise, answer, decimals).right) return std::nullopt;
  std::vector<Slip> found = matching_slips(step, exercise, answer, decimals);
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace neurostep
