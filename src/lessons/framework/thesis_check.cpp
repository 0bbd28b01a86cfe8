#include "lessons/framework/thesis_check.h"

#include <fmt/format.h>

#include <cmath>

#include "core/number_parse.h"

namespace neurostep {

std::optional<double> parse_printed(const std::string& text, int* decimals) {
  // A real minus (U+2212) or an en dash (U+2013), as theses print them, reads as '-'.
  std::string_view body = text;
  bool negative = false;
  for (std::string_view minus : {std::string_view("−"), std::string_view("–"), std::string_view("-")})
    if (body.substr(0, minus.size()) == minus) {
      body.remove_prefix(minus.size());
      negative = true;
      break;
    }
  std::string s(negative ? 1 : 0, '-');
  s.append(body);
  const std::optional<double> v = parse_double(s);
  if (!v) return std::nullopt;
  const auto dot = s.find('.');
  *decimals = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
  return *v;
}

std::vector<CheckResult> check_printed_values(const std::vector<PrintedValue>& printed, const Trace& trace) {
  std::vector<CheckResult> results;
  for (const PrintedValue& p : printed) {
    CheckResult r;
    r.printed = p;
    r.explanation = p.note;
    const auto number = parse_printed(p.printed, &r.decimals);
    r.tolerance = 0.5 * std::pow(10.0, -r.decimals);
    const Step* step = nullptr;
    for (const auto& s : trace.steps)
      if (s.id == p.step) step = &s;
    const Value* value = step ? step->find(p.value) : nullptr;
    const std::size_t index = p.element > 0 ? static_cast<std::size_t>(p.element - 1) : 0;
    if (!number) {
      r.explanation = fmt::format("'{}' is not a number", p.printed);
    } else if (!step) {
      r.explanation = fmt::format("this lesson has no step '{}'", p.step);
    } else if (!value || index >= value->data.size()) {
      r.explanation = fmt::format("step '{}' has no value '{}'{}", p.step, p.value,
                                  p.element > 0 ? fmt::format(" with element {}", p.element) : "");
    } else {
      r.computed = value->data[index];
      // A tiny slack absorbs the binary representation of the printed decimal itself.
      const double diff = std::abs(*r.computed - *number);
      r.verdict = diff <= r.tolerance * (1 + 1e-9) ? Verdict::Agrees : Verdict::Disagrees;
      const double scale = std::pow(10.0, r.decimals);
      const double truncated = std::trunc(*r.computed * scale) / scale;
      r.agrees_if_truncated = r.verdict == Verdict::Disagrees && std::abs(truncated - *number) <= 0.01 / scale;
      if (r.agrees_if_truncated) {
        const std::string found = fmt::format("Cut (not rounded) to {} decimals, the computed {} reads as printed.",
                                              r.decimals, format_number(*r.computed, r.decimals + 2));
        r.explanation = r.explanation.empty() ? found : found + " " + r.explanation;
      }
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace neurostep
