#include "lessons/framework/withheld.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include "figure/number_text.h"

namespace neurostep {

namespace {

constexpr int kOffered[] = {3, 4, 6};  // the decimals a student can choose
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool shows_same(double x, double answer) {
  // Numbers more than a unit of the third decimal apart never print alike (a quick way past most).
  if (!std::isfinite(x) || std::abs(x - answer) > 1e-3) return false;
  for (int d : kOffered)
    if (format_number(x, d) == format_number(answer, d)) return true;
  return false;
}

bool small_whole(double x) { return x == std::round(x) && std::abs(x) <= 10; }

// The power of ten format_number writes after a small number's digits ("·10⁻⁵" at `at`): the
// exponent and where it ends; 0 and `at` if there is none.
std::pair<int, std::size_t> power_of_ten_after(std::string_view text, std::size_t at) {
  constexpr std::string_view kTimesTen = "·10", kMinus = "⁻";
  constexpr std::string_view kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  if (text.substr(at, kTimesTen.size()) != kTimesTen) return {0, at};
  std::size_t i = at + kTimesTen.size();
  const bool negative = text.substr(i, kMinus.size()) == kMinus;
  if (negative) i += kMinus.size();
  int exponent = 0, digits = 0;
  for (bool more = true; more;) {
    more = false;
    for (int d = 0; d < 10; ++d)
      if (text.substr(i, kDigits[d].size()) == kDigits[d]) {
        exponent = 10 * exponent + d, i += kDigits[d].size(), ++digits, more = true;
        break;
      }
  }
  if (digits == 0) return {0, at};
  return {negative ? -exponent : exponent, i};
}

// A number of a text: an optional minus ("-" or "−"), digits, at most one decimal point, and a small
// number's power of ten ("4.274·10⁻⁵": decimal).
struct NumberToken {
  std::size_t begin = 0, end = 0;
  double value = 0;
  bool decimal = false;
};
std::vector<NumberToken> numbers_in(std::string_view text) {
  std::vector<NumberToken> found;
  const auto digit = [&](std::size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
  };
  for (std::size_t i = 0; i < text.size();) {
    const bool word_before =
        i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_' || text[i - 1] == '.');
    if (!digit(i) || word_before) {
      ++i;
      continue;
    }
    NumberToken t{i, i};
    std::string plain;
    if (i >= 3 && text.substr(i - 3, 3) == "−")
      t.begin = i - 3, plain = "-";
    else if (i >= 1 && text[i - 1] == '-')
      t.begin = i - 1, plain = "-";
    std::size_t j = i;
    while (digit(j)) plain += text[j++];
    if (j + 1 < text.size() && text[j] == '.' && digit(j + 1)) {
      t.decimal = true;
      plain += text[j++];
      while (digit(j)) plain += text[j++];
    }
    const auto [power, end] = power_of_ten_after(text, j);
    t.decimal = t.decimal || end > j;
    t.end = end;
    t.value = std::strtod(plain.c_str(), nullptr) * std::pow(10.0, power);
    found.push_back(t);
    i = j;
  }
  return found;
}

void withhold(std::vector<double>& numbers, const Withheld& w) {
  for (double& x : numbers)
    if (w.hides(x)) x = kNaN;
}

// A step before the asked one: only what would show an asked number (a whole-number answer is
// not looked for there).
void mask_earlier(Step& s, const Withheld& fractional) {
  for (Value& v : s.values) withhold(v.data, fractional);
  for (Equation& e : s.equations) {
    withhold(e.args, fractional);
    withhold(e.result, fractional);
  }
  s.title = mask_numbers(s.title, fractional);
  s.note = mask_numbers(s.note, fractional);
}

// The numbers the step's equations take in that no earlier equation of the step worked out: the
// window a pooling step reads (its maximum among them), not the z that ŷ = H(z) takes from the
// line above it.
std::vector<double> step_inputs(const Step& s) {
  std::vector<double> inputs, worked;
  for (const Equation& e : s.equations) {
    for (double x : e.args)
      if (std::find(worked.begin(), worked.end(), x) == worked.end()) inputs.push_back(x);
    worked.insert(worked.end(), e.result.begin(), e.result.end());
  }
  return inputs;
}

// Whether every number of `v` is one the step takes in (step_inputs): the question's own
// numbers, shown at every rung.
bool an_input(const Value& v, const Step& s) {
  const std::vector<double> inputs = step_inputs(s);
  return std::all_of(v.data.begin(), v.data.end(), [&](double x) {
    return !std::isfinite(x) || std::find(inputs.begin(), inputs.end(), x) != inputs.end();
  });
}

// The asked step, by the hint ladder: its inputs always; the values it works out in between
// from the second rung (as their equations' results); never the asked ones, nor a number of
// another value that equals one (the max-pooling map's cell is the window's maximum).
void mask_asked(Step& s, const Withheld& w) {
  Withheld every = w;  // here an answer that is also an input is looked for too
  every.answers = w.all_answers;
  // Where the step works (its title's "Window (1, 2)") is given, not worked out: it stays.
  const std::vector<NumberToken> titled = numbers_in(s.title);
  const auto named_by_title = [&](const Value& v) {
    const auto in_title = [&](double x) {
      return std::any_of(titled.begin(), titled.end(), [&](const NumberToken& t) { return t.value == x; });
    };
    return std::all_of(v.data.begin(), v.data.end(), [&](double x) { return in_title(x); });
  };
  for (Value& v : s.values) {
    const bool asked = std::find(w.names.begin(), w.names.end(), v.name) != w.names.end();
    const bool input = an_input(v, s);
    if (asked || (w.hint_level < 2 && !input && !named_by_title(v)))
      std::fill(v.data.begin(), v.data.end(), kNaN);
    else if (!input)
      withhold(v.data, every);
  }
  // Its title states what the step gives, not what it works out ("w = −0.2, E = 1.94": w follows
  // from E): the results leave it until the rung that shows them — or the engine's asked_title.
  Withheld worked = w;
  const std::vector<double> inputs = step_inputs(s);
  if (w.hint_level < 2)
    for (const Equation& e : s.equations)
      for (double r : e.result)
        if (std::find(inputs.begin(), inputs.end(), r) == inputs.end()) worked.answers.push_back(r);
  s.title = s.asked_title.empty() ? mask_numbers(s.title, worked) : s.asked_title;
  for (Equation& e : s.equations) {
    if (w.hint_level < 1) e.numbers.clear(), e.args.clear();
    const bool shows_answer = std::any_of(e.result.begin(), e.result.end(), [&](double r) { return w.hides(r); });
    if (w.hint_level < 2 || shows_answer) std::fill(e.result.begin(), e.result.end(), kNaN);
  }
  s.note.clear();
}

// A later step: nothing of its numbers; its title without numbers with decimals, or the engine's
// asked_title (which gives nothing away).
void mask_later(Step& s, const Withheld& w) {
  for (Value& v : s.values) std::fill(v.data.begin(), v.data.end(), kNaN);
  for (Equation& e : s.equations) {
    e.numbers.clear();
    e.args.clear();
    std::fill(e.result.begin(), e.result.end(), kNaN);
  }
  s.title = s.asked_title.empty() ? mask_numbers(s.title, w, true) : s.asked_title;
  s.note.clear();
}

}  // namespace

bool Withheld::hides(double x) const {
  return std::any_of(answers.begin(), answers.end(),
                     [&](double a) { return shows_same(x, a) || (std::abs(a) > 1e-12 && shows_same(-x, a)); });
}

void mask_history(HistoryTable& table, const Withheld& withheld) {
  if (!withheld.active()) return;
  const auto asked = [&](double x) {
    return std::any_of(withheld.all_answers.begin(), withheld.all_answers.end(),
                       [&](double a) { return shows_same(x, a) || (std::abs(a) > 1e-12 && shows_same(-x, a)); });
  };
  for (auto& row : table.cells)
    for (auto& cell : row)
      if (cell && asked(*cell)) cell.reset();
}

Withheld withheld_for(const Trace& trace, const Practice& practice, int current, bool try_it) {
  Withheld w;
  if (!try_it || current < 0 || current >= static_cast<int>(trace.steps.size())) return w;
  const Step& step = trace.steps[static_cast<std::size_t>(current)];
  const std::vector<double> inputs = step_inputs(step);  // the numbers the question is asked with
  for (int i : practice.exercises_of(current)) {
    if (practice.mark(i) != Mark::Open) continue;
    const Exercise& x = practice.exercises()[static_cast<std::size_t>(i)];
    w.step = current;
    if (std::find(w.names.begin(), w.names.end(), x.value) == w.names.end()) w.names.push_back(x.value);
    // An answer that an input shows (or its negative: Σδ = 0.2 beside a δ of −0.2) is in the question itself.
    const bool an_input = std::any_of(inputs.begin(), inputs.end(),
                                      [&](double in) { return shows_same(in, x.answer) || shows_same(-in, x.answer); });
    w.all_answers.push_back(x.answer);
    if (!an_input) w.answers.push_back(x.answer);
  }
  if (w.active()) w.hint_level = practice.hint_level(current);
  return w;
}

Trace shown_trace(const Trace& trace, const Withheld& w) {
  if (!w.active()) return trace;
  Withheld fractional = w;  // what earlier steps withhold: answers that are not small whole numbers
  std::erase_if(fractional.answers, small_whole);
  Trace shown = trace;
  for (std::size_t i = 0; i < shown.steps.size(); ++i) {
    Step& s = shown.steps[i];
    const int at = static_cast<int>(i);
    if (at < w.step)
      mask_earlier(s, fractional);
    else if (at == w.step)
      mask_asked(s, w);
    else
      mask_later(s, w);
  }
  return shown;
}

std::string mask_numbers(std::string_view text, const Withheld& w, bool all_decimals) {
  if (!w.active()) return std::string(text);
  std::string out;
  std::size_t from = 0;
  for (const NumberToken& t : numbers_in(text)) {
    if (!(w.hides(t.value) || (all_decimals && t.decimal))) continue;
    out.append(text.substr(from, t.begin - from));
    out += "?";
    from = t.end;
  }
  out.append(text.substr(from));
  // A value withheld upstream prints as NaN in a label.
  for (std::size_t at; (at = out.find("NaN")) != std::string::npos;) out.replace(at, 3, "?");
  return out;
}

void mask_figures(std::vector<Figure>& figures, const Withheld& w) {
  if (!w.active()) return;
  for (Figure& f : figures) {
    f.title = mask_numbers(f.title, w);
    f.x.label = mask_numbers(f.x.label, w);
    f.y.label = mask_numbers(f.y.label, w);
    for (Series& s : f.series) s.label = mask_numbers(s.label, w);
    for (Annotation& a : f.annotations) a.text = mask_numbers(a.text, w);
    for (Heatmap& h : f.heatmaps) {
      withhold(h.values, w);
      h.scale_label = mask_numbers(h.scale_label, w);
    }
    f.withheld = w.answers;
  }
}

TryValues try_values(const Step& step, const std::vector<int>& asked, const std::vector<Exercise>& exercises) {
  TryValues t;
  for (const Value& v : step.values) {
    if (v.data.empty() || !std::all_of(v.data.begin(), v.data.end(), [](double d) { return std::isnan(d); })) {
      t.shown.push_back(v);
      continue;
    }
    for (int i : asked)
      if (const Exercise& x = exercises[static_cast<std::size_t>(i)]; x.value == v.name)
        t.asked.push_back(x.shown_label());
  }
  return t;
}

std::string mask_read_out(std::string_view text, const Figure& figure) {
  return mask_numbers(text, Withheld{.step = 0, .answers = figure.withheld});
}

}  // namespace neurostep
