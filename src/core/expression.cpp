// expression.cpp — the student's formula through muparser: products written as on paper get their
// "*" first (with a map back to the typed columns), then muparser parses and checks the text.
#include "core/expression.h"

#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <string_view>

namespace neurostep {

namespace {

// The formula muparser sees, and for each of its characters (and one past the end) the 0-based
// position in the typed text it came from; an inserted "*" points at the factor after it.
struct Rewritten {
  std::string text;
  std::vector<int> typed_position;
};

// Names that stand for a value: the variables and the constants. Any other name is taken for a
// function, so "sin(x)" keeps its "(" while "x(x + 1)" becomes x*(x + 1).
const std::vector<std::string> kConstants = {"pi", "_pi", "_e"};

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

// The end of the number starting at `i`: digits, a decimal point, and an exponent only when digits
// follow it ("1e-3x" is 1e-3 times x, "2e" is 2 times a name e).
std::size_t number_end(const std::string& s, std::size_t i) {
  while (i < s.size() && (is_digit(s[i]) || s[i] == '.')) ++i;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      return j;
    }
  }
  return i;
}

constexpr std::pair<std::string_view, char> kTypographicSigns[] = {{"·", '*'}, {"×", '*'}, {"−", '-'}};

Rewritten insert_products(const std::string& typed, const std::vector<std::string>& variables) {
  Rewritten out;
  auto copy = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      out.text += typed[k];
      out.typed_position.push_back(static_cast<int>(k));
    }
  };
  auto multiply_before = [&](std::size_t factor) {
    out.text += '*';
    out.typed_position.push_back(static_cast<int>(factor));
  };
  auto is_value_name = [&](const std::string& name) {
    return std::find(variables.begin(), variables.end(), name) != variables.end() ||
           std::find(kConstants.begin(), kConstants.end(), name) != kConstants.end();
  };

  bool after_value = false;  // the last token was a number, a ")" or a value name
  std::size_t i = 0;
  while (i < typed.size()) {
    // The signs this app prints (and a student copies): "·" and "×" multiply, "−" subtracts.
    if (const auto sign = std::find_if(std::begin(kTypographicSigns), std::end(kTypographicSigns),
                                       [&](const auto& t) { return typed.compare(i, t.first.size(), t.first) == 0; });
        sign != std::end(kTypographicSigns)) {
      out.text += sign->second;
      out.typed_position.push_back(static_cast<int>(i));
      after_value = false;
      i += sign->first.size();
      continue;
    }
    const char c = typed[i];
    std::size_t end = i + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      copy(i, end);  // spaces do not change what came last: "2 x" is 2*x
      i = end;
      continue;
    }
    if (is_digit(c) || (c == '.' && i + 1 < typed.size() && is_digit(typed[i + 1]))) {
      end = number_end(typed, i);
      copy(i, end);
      after_value = true;
    } else if (is_name_start(c)) {
      while (end < typed.size() && is_name_char(typed[end])) ++end;
      if (after_value) multiply_before(i);
      copy(i, end);
      after_value = is_value_name(typed.substr(i, end - i));
    } else {
      if (c == '(' && after_value) multiply_before(i);
      copy(i, end);
      after_value = c == ')';
    }
    i = end;
  }
  out.typed_position.push_back(static_cast<int>(typed.size()));
  return out;
}

bool is_name(const std::string& token) {
  return !token.empty() && is_name_start(token[0]) && std::all_of(token.begin(), token.end(), is_name_char);
}

std::string allowed_names(const std::vector<std::string>& variables) {
  std::string list;
  for (std::size_t k = 0; k < variables.size(); ++k)
    list += (k == 0 ? "" : k + 1 == variables.size() ? " and " : ", ") + variables[k];
  return "use " + list;
}

// The first character of `token`: all the bytes of its UTF-8 sequence.
std::string first_character(const std::string& token) {
  std::size_t end = token.empty() ? 0 : 1;
  while (end < token.size() && (static_cast<unsigned char>(token[end]) & 0xC0) == 0x80) ++end;
  return token.substr(0, end);
}

int count_parentheses(const std::string& text, char which) {
  return static_cast<int>(std::count(text.begin(), text.end(), which));
}

// muparser's error in words a student reads, for the codes a typed formula can run into.
std::string plain_message(const mu::ParserError& e, const mu::Parser& parser, const std::string& typed,
                          const std::vector<std::string>& variables) {
  const std::string token = e.GetToken();
  switch (e.GetCode()) {
    case mu::ecUNASSIGNABLE_TOKEN:
      if (parser.GetFunDef().contains(token)) return token + " needs its argument in brackets: " + token + "(…)";
      if (is_name(token)) return "unknown name \"" + token + "\" (" + allowed_names(variables) + ")";
      return "unexpected \"" + first_character(token) + "\"";
    case mu::ecUNEXPECTED_EOF:
      if (count_parentheses(typed, '(') > count_parentheses(typed, ')')) return "missing )";
      return "the formula ends too early";
    case mu::ecMISSING_PARENS: return "missing )";
    case mu::ecUNEXPECTED_PARENS: return token == ")" ? "a ) without its (" : "unexpected \"" + token + "\"";
    case mu::ecUNEXPECTED_OPERATOR:
    case mu::ecUNEXPECTED_VAL:
    case mu::ecUNEXPECTED_VAR:
    case mu::ecUNEXPECTED_FUN: return "unexpected \"" + token + "\"";
    case mu::ecUNEXPECTED_ARG_SEP: return "unexpected comma";
    case mu::ecTOO_MANY_PARAMS: return "too many arguments for " + token;
    case mu::ecTOO_FEW_PARAMS: return "too few arguments for " + token;
    case mu::ecEMPTY_EXPRESSION: return "empty formula";
    default: return e.GetMsg();
  }
}

// The 1-based column of the character at byte `position`: a character of several UTF-8 bytes
// ("π", "é") counts once, as the student sees it.
int column_of(const std::string& typed, std::size_t position) {
  const std::string_view before = std::string_view(typed).substr(0, position);
  return 1 + static_cast<int>(std::count_if(before.begin(), before.end(),
                                            [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A lone "=" (not ==, <=, >=, !=): muparser would take it for an assignment to a variable.
std::size_t lone_equals(const std::string& text) {
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] != '=') continue;
    const bool after_comparison = k > 0 && std::string_view("=<>!").find(text[k - 1]) != std::string_view::npos;
    const bool before_equals = k + 1 < text.size() && text[k + 1] == '=';
    if (!after_comparison && !before_equals) return k;
    ++k;  // the second "=" of "==" is not another one
  }
  return std::string::npos;
}

// The 0-based position of the first comma outside all brackets.
std::size_t top_level_comma(const std::string& text) {
  int depth = 0;
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '(') ++depth;
    if (text[k] == ')') --depth;
    if (text[k] == ',' && depth <= 0) return k;
  }
  return 0;
}

}  // namespace

ExpressionError::ExpressionError(int column_, const std::string& message_)
    : std::runtime_error("column " + std::to_string(column_) + ": " + message_), column(column_), message(message_) {}

struct Expression::Impl {
  std::string text;
  std::vector<std::string> variables;
  std::vector<double> values;  // muparser reads the variables from here
  mu::Parser parser;

  Impl(std::string text_, std::vector<std::string> variables_)
      : text(std::move(text_)), variables(std::move(variables_)), values(variables.size(), 0.5) {
    if (std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
      throw ExpressionError(1, "empty formula");
    if (const std::size_t k = lone_equals(text); k != std::string::npos)
      throw ExpressionError(column_of(text, k), "type only the formula, without \"" + text.substr(0, k + 1) + "\"");
    const Rewritten rewritten = insert_products(text, variables);
    try {
      parser.DefineConst("pi", std::numbers::pi);
      parser.DefineFun(
          "sigmoid", +[](double z) { return 1 / (1 + std::exp(-z)); });
      for (std::size_t k = 0; k < variables.size(); ++k) parser.DefineVar(variables[k], &values[k]);
      parser.SetExpr(rewritten.text);
      parser.Eval();  // muparser parses on the first evaluation: this is where the errors come
    } catch (const mu::ParserError& e) {
      const auto position =
          static_cast<std::size_t>(std::clamp(e.GetPos(), 0, static_cast<int>(rewritten.text.size())));
      throw ExpressionError(column_of(text, static_cast<std::size_t>(rewritten.typed_position[position])),
                            plain_message(e, parser, text, variables));
    }
    // "x, y" is two formulas to muparser, which would quietly give the last one.
    if (parser.GetNumResults() > 1)
      throw ExpressionError(column_of(text, top_level_comma(text)),
                            "one formula only (a comma outside a function's brackets)");
  }
};

Expression::Expression(std::string text, std::vector<std::string> variables)
    : impl_(std::make_shared<Impl>(std::move(text), std::move(variables))) {}

const std::string& Expression::text() const { return impl_->text; }

double Expression::operator()(double x, double y) const {
  if (!impl_->values.empty()) impl_->values[0] = x;
  if (impl_->values.size() > 1) impl_->values[1] = y;
  return impl_->parser.Eval();
}

double Expression::operator()(std::span<const double> values) const {
  std::copy_n(values.begin(), std::min(values.size(), impl_->values.size()), impl_->values.begin());
  return impl_->parser.Eval();
}

}  // namespace neurostep
