#include "lessons/framework/trace.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace neurostep {

const Value* Step::find(std::string_view name) const {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

int placeholder_count(std::string_view numbers) {
  int count = 0;
  for (std::size_t at = numbers.find("{}"); at != std::string_view::npos; at = numbers.find("{}", at + 2)) ++count;
  return count;
}

std::string equation_numbers(const Equation& equation, int precision) {
  std::string out;
  std::size_t arg = 0;
  const std::string& t = equation.numbers;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 2, "{}") == 0 && arg < equation.args.size()) {
      std::string number = format_number(equation.args[arg++], precision);
      // Parenthesize a negative number after an operator ("0.2·(−1)"), not where it opens the
      // expression, a bracket or an item of a list ("(0.5, −0.5)", "[1; −2]"); a power applies to
      // the whole number: (−3)², not −3².
      std::size_t j = out.find_last_not_of(' ');
      const bool opens = j == std::string::npos || std::string_view("([=,;").find(out[j]) != std::string_view::npos;
      const std::string_view rest = std::string_view(t).substr(i + 2);
      const bool powered =
          rest.starts_with("²") || rest.starts_with("³") || rest.starts_with("⁴") || rest.starts_with("^");
      if (number.rfind("−", 0) == 0 && (!opens || powered)) number = "(" + number + ")";
      out += number;
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

std::string equation_result(const Equation& equation, int precision) {
  if (equation.result.empty()) return "";
  if (equation.result.size() == 1) return format_number(equation.result[0], precision);
  std::string out = "(";
  for (std::size_t i = 0; i < equation.result.size(); ++i)
    out += (i ? ", " : "") + format_number(equation.result[i], precision);
  return out + ")";
}

const Value* Trace::find(std::string_view step_id, std::string_view name) const {
  for (const Step& s : steps)
    if (s.id == step_id) return s.find(name);
  return nullptr;
}

void add_product(Equation& e, double a, double b) {
  e.numbers += e.args.empty() ? "{}·{}" : " + {}·{}";
  e.args.insert(e.args.end(), {a, b});
}

std::optional<int> find_step(const Trace& trace, std::string_view query, int from) {
  const int count = static_cast<int>(trace.steps.size());
  const auto first = query.find_first_not_of(' '), last = query.find_last_not_of(' ');
  if (first == std::string_view::npos || count == 0) return std::nullopt;
  query = query.substr(first, last - first + 1);
  if (std::all_of(query.begin(), query.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int n = query.size() < 7 ? std::stoi(std::string(query)) : 0;
    if (n >= 1 && n <= count) return n - 1;
    return std::nullopt;
  }
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string words = lower(query);
  for (int k = 1; k <= count; ++k) {
    const int i = (from + k) % count;
    if (lower(trace.steps[static_cast<std::size_t>(i)].title).find(words) != std::string::npos) return i;
  }
  return std::nullopt;
}

}  // namespace neurostep
