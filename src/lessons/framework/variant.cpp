#include "lessons/framework/variant.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"

namespace neurostep {

std::string editable_key(const Editable& e) { return e.group + "/" + e.label; }

namespace {

std::string number_text(double v) { return fmt::format("{}", v); }

Condition read_condition(LessonTable& t) {
  Condition c;
  c.at_step = place_of(t, "step");
  c.at_value = place_of(t, "value");
  c.step = t.text("step");
  c.value = t.text("value");
  c.element = t.integer_or("element", 0, 1, 1'000'000);
  const std::string what = c.element ? fmt::format("{}[{}]", c.value, c.element) : c.value;
  int given = 0;
  for (const char* k : {"between", "above", "below", "magnitude_above", "less_than", "greater_than"}) given += t.has(k);
  if (given != 1)
    t.fail_here(
        "a [[variants.require]] entry takes exactly one of between, above, below, magnitude_above, less_than, "
        "greater_than");
  if (t.has("between")) {
    const auto b = t.numbers("between", 2);
    if (b[0] > b[1]) t.fail("between", "'between' must be [low, high] with low ≤ high");
    c.kind = Condition::Kind::Between;
    c.low = b[0];
    c.high = b[1];
    c.text = fmt::format("{}: {} in [{}, {}]", c.step, what, number_text(c.low), number_text(c.high));
  } else if (t.has("above")) {
    c.kind = Condition::Kind::Above;
    c.low = t.number("above");
    c.text = fmt::format("{}: {} > {}", c.step, what, number_text(c.low));
  } else if (t.has("below")) {
    c.kind = Condition::Kind::Below;
    c.high = t.number("below");
    c.text = fmt::format("{}: {} < {}", c.step, what, number_text(c.high));
  } else if (t.has("magnitude_above")) {
    c.kind = Condition::Kind::MagnitudeAbove;
    c.low = t.number("magnitude_above", {0, 1e12});
    c.text = fmt::format("{}: |{}| > {}", c.step, what, number_text(c.low));
  } else {
    const bool less = t.has("less_than");
    const char* key = less ? "less_than" : "greater_than";
    c.kind = less ? Condition::Kind::LessThan : Condition::Kind::GreaterThan;
    c.at_other = place_of(t, key);
    LessonTable o = t.table(key);
    c.other_step = o.text_or("step", "");
    c.other_value = o.text("value");
    c.other_element = o.integer_or("element", 0, 1, 1'000'000);
    o.finish();
    const std::string other = c.other_element ? fmt::format("{}[{}]", c.other_value, c.other_element) : c.other_value;
    c.text = fmt::format("{}: {} {} {}{}", c.step, what, less ? "<" : ">",
                         c.other_step.empty() ? "" : c.other_step + ": ", other);
  }
  t.finish();
  return c;
}

// The numbers of a value a condition speaks of: one element, or all.
std::vector<double> elements_of(const Value& v, int element) {
  if (element == 0) return v.data;
  if (element > static_cast<int>(v.data.size())) return {};
  return {v.data[static_cast<std::size_t>(element - 1)]};
}

// What the `*` of a pattern with one star stands for in `id` ("sample*.C_after", "sample1.C_after" → "1").
std::string star_text(std::string_view pattern, std::string_view id) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return "";
  const std::size_t tail = pattern.size() - star - 1;
  return id.size() >= star + tail ? std::string(id.substr(star, id.size() - star - tail)) : "";
}

// The other value of a comparison: in the step named (its `*` standing for what the condition's
// step's `*` matched), or in the same step.
const Value* other_value(const Condition& c, const Step& s, const Trace& trace) {
  if (c.other_step.empty()) return s.find(c.other_value);
  std::string step = c.other_step;
  if (const auto star = step.find('*'); star != std::string::npos) step.replace(star, 1, star_text(c.step, s.id));
  return trace.find(step, c.other_value);
}

// Whether the condition holds in every matching step; a step or value missing in this trace fails it.
bool holds(const Condition& c, const Trace& trace) {
  int matched = 0;
  for (const Step& s : trace.steps) {
    if (!step_matches(c.step, s.id)) continue;
    ++matched;
    const Value* v = s.find(c.value);
    if (!v) return false;
    const std::vector<double> xs = elements_of(*v, c.element);
    if (xs.empty()) return false;
    const Value* other = nullptr;
    if (c.kind == Condition::Kind::LessThan || c.kind == Condition::Kind::GreaterThan) {
      other = other_value(c, s, trace);
      if (!other) return false;
    }
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double x = xs[i];
      switch (c.kind) {
        case Condition::Kind::Between:
          if (!(x >= c.low && x <= c.high)) return false;
          break;
        case Condition::Kind::Above:
          if (!(x > c.low)) return false;
          break;
        case Condition::Kind::Below:
          if (!(x < c.high)) return false;
          break;
        case Condition::Kind::MagnitudeAbove:
          if (!(std::abs(x) > c.low)) return false;
          break;
        case Condition::Kind::LessThan:
        case Condition::Kind::GreaterThan: {
          // The other value's element: the one named, else the same position, else its only one.
          const int k = c.other_element
                            ? c.other_element
                            : (other->data.size() == 1 ? 1 : (c.element ? c.element : static_cast<int>(i) + 1));
          if (k > static_cast<int>(other->data.size())) return false;
          const double y = other->data[static_cast<std::size_t>(k - 1)];
          if (c.kind == Condition::Kind::LessThan ? !(x < y) : !(x > y)) return false;
          break;
        }
      }
    }
  }
  return matched > 0;
}

// splitmix64: the draws of a variant depend on its number and nothing else.
struct Draws {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
};

const VaryRule* rule_for(const VariantSpec& spec, const Editable& e) {
  const std::string key = editable_key(e);
  for (const VaryRule& r : spec.vary)  // the first rule that matches wins
    if (step_matches(r.numbers, key)) return &r;
  return nullptr;
}

}  // namespace

VariantSpec read_variant_spec(LessonTable& root) {
  VariantSpec spec;
  if (!root.has("variants")) return spec;
  LessonTable v = root.table("variants");
  spec.tries = v.integer_or("tries", 200, 1, 100'000);
  for (LessonTable& t : v.tables("vary")) {
    VaryRule r;
    r.at_numbers = place_of(t, "numbers");
    r.at_range = place_of(t, "range");
    r.numbers = t.text("numbers");
    const auto range = t.numbers("range", 2);
    if (range[0] > range[1]) t.fail("range", "'range' must be [low, high] with low ≤ high");
    r.min = range[0];
    r.max = range[1];
    r.decimals = t.integer_or("decimals", 2, 0, 6);
    t.finish();
    spec.vary.push_back(std::move(r));
  }
  if (v.has("require"))
    for (LessonTable& t : v.tables("require")) spec.require.push_back(read_condition(t));
  v.finish();
  return spec;
}

std::vector<LessonError> variant_errors(const VariantSpec& spec, Lesson& lesson, const Trace& trace) {
  std::vector<LessonError> errors;
  const std::vector<Editable> editables = lesson.editables();
  for (const VaryRule& r : spec.vary) {
    int matched = 0;
    for (const Editable& e : editables) {
      if (!step_matches(r.numbers, editable_key(e))) continue;
      ++matched;
      if (!e.number && !e.integer) {
        errors.push_back(
            r.at_numbers.error(fmt::format("variants: '{}' is a choice; only numbers can vary", editable_key(e))));
        break;
      }
      if (e.integer && r.decimals != 0) {
        errors.push_back(
            r.at_numbers.error(fmt::format("variants: '{}' is a whole number: give decimals = 0", editable_key(e))));
        break;
      }
      if (r.min < e.min || r.max > e.max) {
        errors.push_back(r.at_range.error(fmt::format("variants: range [{}, {}] goes beyond what '{}' takes, [{}, {}]",
                                                      r.min, r.max, editable_key(e), e.min, e.max)));
        break;
      }
    }
    if (matched == 0) {
      std::string keys;
      for (std::size_t i = 0; i < editables.size() && i < 12; ++i)
        keys += (i ? ", " : "") + ("\"" + editable_key(editables[i]) + "\"");
      if (editables.size() > 12) keys += ", …";
      errors.push_back(r.at_numbers.error(
          fmt::format("variants: no number '{}' in this lesson (its numbers: {})", r.numbers, keys)));
    }
  }
  for (const Condition& c : spec.require) {
    int matched = 0;
    for (const Step& s : trace.steps) {
      if (!step_matches(c.step, s.id)) continue;
      ++matched;
      if (!s.find(c.value)) {
        errors.push_back(c.at_value.error(fmt::format("variants: step '{}' has no value '{}'", s.id, c.value)));
        break;
      }
      if (!c.other_value.empty() && !other_value(c, s, trace)) {
        errors.push_back(c.at_other.error(fmt::format("variants: no value '{}' in step '{}'", c.other_value,
                                                      c.other_step.empty() ? s.id : c.other_step)));
        break;
      }
    }
    if (matched == 0) errors.push_back(c.at_step.error(fmt::format("variants: no step '{}' in this lesson", c.step)));
  }
  return errors;
}

std::vector<std::string> failed_conditions(const VariantSpec& spec, const Trace& trace,
                                           const std::vector<ExerciseRule>& exercises) {
  std::vector<std::string> failed;
  if (trace_stopped(trace)) failed.push_back(trace.steps.back().note);
  // Finite: no infinity anywhere, no NaN in a scalar (run_guarded's rule) nor in an exercise. A NaN
  // inside a vector or matrix is how some lessons leave a cell not yet computed (batch-norm's ∂E/∂x
  // channel by channel).
  auto not_finite = [&]() -> std::string {
    for (const Step& s : trace.steps)
      for (const Value& v : s.values)
        for (double x : v.data)
          if (std::isinf(x) || (std::isnan(x) && v.shape.empty()))
            return fmt::format("{}: {} is not finite", s.id, v.name);
    for (const Exercise& e : exercises_for(exercises, trace))
      if (!std::isfinite(e.answer)) return fmt::format("{}: exercise {} is not finite", e.step_id, e.label());
    return "";
  };
  if (std::string f = not_finite(); !f.empty()) failed.push_back(std::move(f));
  for (const Condition& c : spec.require)
    if (!holds(c, trace)) failed.push_back(c.text);
  return failed;
}

Variant apply_variant(Lesson& lesson, std::uint64_t seed) {
  const VariantSpec& spec = lesson.variant_spec();
  if (spec.empty())
    throw VariantError(
        fmt::format("{}: this lesson has no [variants] in its file, so it has no other numbers", lesson.info().id));
  if (seed < 1 || seed > kMaxVariant)
    throw VariantError(fmt::format("a variant's number is 1 to {}, not {}", kMaxVariant, seed));

  // The numbers as they are, to put back if no draw qualifies.
  const std::optional<std::uint64_t> before = lesson.variant();
  std::vector<double> own;
  for (const Editable& e : lesson.editables()) own.push_back(e.number ? *e.number : e.integer ? *e.integer : 0.0);

  std::map<std::string, int> failures;
  for (int t = 0; t < spec.tries; ++t) {
    Draws draws{seed * 0x100000001B3ull + static_cast<std::uint64_t>(t) * 0xD1B54A32D192ED03ull};
    Variant v{seed, t + 1, {}, {}};
    for (const Editable& e : lesson.editables()) {
      const VaryRule* r = rule_for(spec, e);
      if (!r || (!e.number && !e.integer)) continue;
      const double u = draws.uniform();
      double x;
      if (e.integer) {
        x = std::min(r->max, std::floor(r->min + u * (r->max - r->min + 1)));
        *e.integer = static_cast<int>(x);
      } else {
        x = std::clamp(round_to(r->min + u * (r->max - r->min), r->decimals), r->min, r->max);
        if (x == 0) x = 0;  // no −0 on a worksheet
        *e.number = x;
      }
      v.numbers.push_back({editable_key(e), x});
    }
    lesson.numbers_changed();
    v.trace = run_guarded(lesson);
    const std::vector<std::string> failed = failed_conditions(spec, v.trace, lesson.exercise_rules());
    if (failed.empty()) {
      lesson.set_variant(seed);
      return v;
    }
    for (const std::string& f : failed) ++failures[f];
  }
  std::size_t i = 0;
  for (const Editable& e : lesson.editables()) {
    if (i < own.size()) {
      if (e.number) *e.number = own[i];
      if (e.integer) *e.integer = static_cast<int>(own[i]);
    }
    ++i;
  }
  lesson.numbers_changed();
  lesson.set_variant(before);
  std::string worst;
  int most = 0;
  for (const auto& [text, n] : failures)
    if (n > most) most = n, worst = text;
  throw VariantError(fmt::format(
      "{}: no draw of variant {} met the file's conditions in {} tries; the one failed most often ({} times): {}",
      lesson.info().id, seed, spec.tries, most, worst));
}

}  // namespace neurostep
