// trace.h — what a lesson engine produces: the ordered list of every step of a worked example.
//
// A step has a title, its equations (each as symbols, the same with the numbers put in, and the
// result) and the named values it produced. The GUI, `neurostep trace`, the history table and the
// exports all read the same Trace, so what is printed is what is shown.
// Equations keep their numbers as numbers (not text) so that the precision can be chosen when
// they are shown: `numbers` is a template in which each "{}" stands for the next argument.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor.h"
#include "figure/number_text.h"

namespace neurostep {

struct Value {
  std::string name;  // an identifier for tools and thesis checks: "z", "a", "dC_dw", "w"
  Shape shape;       // {} for a scalar, {4} for a vector, {rows, cols} for a matrix
  std::vector<double> data;
  // How the formulas write it, where that is not its name: "x̂", "∂E/∂X{} (max)", "δ[{}]". An
  // element's index goes at "{}" (the end if there is none), as subscripts ("x̂₂,₃") or, inside
  // brackets, as digits ("δ[7]"); `first_index` is what the formulas call the first element
  // (1, or 0 for w₀ or the classes 0–9).
  std::string symbol = {};
  int first_index = 1;
  double scalar() const { return data.at(0); }
};

inline Value scalar_value(std::string name, double v) { return {std::move(name), {}, {v}}; }
inline Value vector_value(std::string name, std::vector<double> v) {
  const int n = static_cast<int>(v.size());
  return {std::move(name), {n}, std::move(v)};
}

// `v` with the symbol its formulas write it by (Value::symbol).
inline Value written_as(Value v, std::string symbol, int first_index = 1) {
  v.symbol = std::move(symbol);
  v.first_index = first_index;
  return v;
}

inline Value matrix_value(std::string name, std::vector<double> data, int rows, int cols) {
  return {std::move(name), {rows, cols}, std::move(data)};
}

struct Equation {
  std::string symbols;         // "∂C/∂w₁ = 2(a − y)·σ′(z)·x₁"
  std::string numbers;         // "2({} − {})·{}·{}", one {} per argument
  std::vector<double> args;    // the numbers put in
  std::vector<double> result;  // usually one number; a vector prints as (a, b, …); none: a statement
                               // with no result (shown without "= …")
};

// The step worked again with one rule changed as a typical slip changes it — δ sent back through W
// where Wᵀ belongs, another activation's derivative taken for the layer's own: the values that slip
// gives. The engine that can rerun a step adds them (src/lessons/engines/slip_reruns.h); slips.h
// names an answer one of them gives. No view shows them.
struct Rerun {
  std::string slip;           // its name, worded by slips.h: "W instead of Wᵀ: …"
  std::vector<Value> values;  // the values the slip changes, as it gives them (same names and shapes)
};

// A step is built with its fields named: Step{.id = "forward", .group = "Forward", .title = …}.
// A list written by position gives its first value to `by_name`, which nothing converts to (not even
// {}: its constructor is explicit), so Step{"forward", "Forward", …} does not compile.
struct ByName {
  explicit ByName() = default;
};

struct Step {
  [[no_unique_address]] ByName by_name{};
  std::string id;     // stable name of the step for thesis checks: "sample0.forward"
  std::string group;  // what the history table groups by: "Sample 0"
  std::string title;  // "Weighted sum z"
  std::vector<Equation> equations;
  std::vector<Value> values;
  std::string note;  // an explanation shown under the equations (may be empty). Built with fmt from the
                     // computed values: every number in it is a value of the trace at the decimals shown
                     // (put it in `values` if it is none yet), a count or an index, a citation's ("§3.4",
                     // "eq. 59") or a quotation's in “…” (tests/lessons/framework/test_note_numbers.cpp)
  std::vector<Rerun> reruns = {};  // the step as slips would work it (Rerun)
  std::string asked_title = {};    // its title while Try it asks it or it is still to come, where the
                                   // title states a result no number filter can see ("(1, 1) → ŷ = 0:
                                   // update") or gives numbers the filter would hide ("[0.01, 0.99]");
                                   // empty: the title with its numbers withheld (withheld.h)

  const Value* find(std::string_view name) const;
};

struct Trace {
  std::string lesson_id;
  std::vector<Step> steps;

  // The value `name` of the step with this id (what a later step's plot shows of an earlier one).
  const Value* find(std::string_view step_id, std::string_view name) const;
};

// Appends one product a·b to an equation that adds products up: "{}·{} + {}·{} + …".
void add_product(Equation& e, double a, double b);

// The step a student asks for by number (1-based, "12") or by words of its title ("E = 0.2"):
// the first title holding the words (case-insensitive), searching after step `from` and then
// from the start; nothing if none matches.
std::optional<int> find_step(const Trace& trace, std::string_view query, int from);

// How many "{}" a `numbers` template holds, counted as equation_numbers fills them: an equation
// needs one number in `args` for each (a missing one prints a literal "{}", an extra one is never
// shown; tests/lessons/framework/test_placeholders.cpp checks every lesson).
int placeholder_count(std::string_view numbers);

// The `numbers` template with every {} replaced; a negative number that follows an operator or
// another number is put in parentheses ("0.2·(−1)"), one that opens the expression, a bracket or
// an item of a list is not ("−1·0.2", "max(0.5, −0.5)").
std::string equation_numbers(const Equation& equation, int precision);
std::string equation_result(const Equation& equation, int precision);  // "0.7200" or "(0.3298, 0.6298)"

}  // namespace neurostep
