#include "lessons/formats/latex_math.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "figure/utf8.h"

namespace neurostep {

namespace {

// A subscript or superscript character as the plain character it raises or lowers; 0 if none.
char32_t script_base(char32_t c, bool& sup) {
  static const std::u32string subs = U"₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗₘₙₚₓₐₑₒₜ₊₋", sub_base = U"0123456789ijklmnpxaeot+-";
  static const std::u32string sups = U"⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻ᵀᵗˡⁿ", sup_base = U"0123456789()+-Ttln";
  if (const auto i = subs.find(c); i != std::u32string::npos) return sup = false, sub_base[i];
  if (const auto i = sups.find(c); i != std::u32string::npos) return sup = true, sup_base[i];
  return 0;
}

bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7 && c != U'ŷ');
}

// A math character's LaTeX; nullptr for one that is not math (a letter, a digit, punctuation).
const char* math_symbol(char32_t c) {
  switch (c) {
    case U'∂': return "\\partial ";
    case U'σ': return "\\sigma ";
    case U'η': return "\\eta ";
    case U'δ': return "\\delta ";
    case U'ε': return "\\varepsilon ";
    case U'α': return "\\alpha ";
    case U'β': return "\\beta ";
    case U'γ': return "\\gamma ";
    case U'θ': return "\\theta ";
    case U'λ': return "\\lambda ";
    case U'μ': return "\\mu ";
    case U'π': return "\\pi ";
    case U'ρ': return "\\rho ";
    case U'τ': return "\\tau ";
    case U'φ': return "\\varphi ";
    case U'ω': return "\\omega ";
    case U'Δ': return "\\Delta ";
    case U'Σ': return "\\sum ";
    case U'Π': return "\\Pi ";
    case U'∇': return "\\nabla ";
    case U'·': return "\\cdot ";
    case U'−': return "-";
    case U'×': return "\\times ";
    case U'÷': return "\\div ";
    case U'←': return "\\leftarrow ";
    case U'→': return "\\rightarrow ";
    case U'⇔': return "\\Leftrightarrow ";
    case U'≤': return "\\leq ";
    case U'≥': return "\\geq ";
    case U'≈': return "\\approx ";
    case U'≠': return "\\neq ";
    case U'±': return "\\pm ";
    case U'∝': return "\\propto ";
    case U'∞': return "\\infty ";
    case U'√': return "\\surd ";
    case U'⌊': return "\\lfloor ";
    case U'⌋': return "\\rfloor ";
    case U'‖': return "\\| ";
    case U'⊙': return "\\odot ";
    case U'⋆': return "\\star ";
    case U'…': return "\\ldots ";
    case U'½': return "\\tfrac12 ";
    case U'✓': return "\\checkmark ";
    case U'✗': return "\\times ";
    case U'°': return "^\\circ ";
    case U'ŷ': return "\\hat{y}";
    case '=': return "=";
    case '+': return "+";
    case '<': return "<";
    case '>': return ">";
    case '*': return "\\ast ";
    case '|': return "|";
    case '^': return "^";
    case '_': return "_";
    default: return nullptr;
  }
}

// A character inside $…$ that is not a math symbol: digits, punctuation, letters.
std::string math_plain(char32_t c) {
  switch (c) {
    case '{': return "\\{";
    case '}': return "\\}";
    case '%': return "\\%";
    case '&': return "\\&";
    case '#': return "\\#";
    case '$': return "\\$";
    case '~': return "\\sim ";
    case '\\': return "\\backslash ";
    case ',': return ",\\allowbreak ";
    case '\'': return "'";
    case ' ': return " ";
    default: break;
  }
  if (c < 0x80) return std::string(1, static_cast<char>(c));
  if (c == U'—' || c == U'–' || (c >= 0xA0 && c <= 0x24F)) return "\\text{" + utf8(c) + "}";
  return "?";
}

std::string text_char(char32_t c) {
  switch (c) {
    case '_': return "\\_";
    case '%': return "\\%";
    case '&': return "\\&";
    case '#': return "\\#";
    case '$': return "\\$";
    case '{': return "\\{";
    case '}': return "\\}";
    case '^': return "\\textasciicircum{}";
    case '~': return "\\textasciitilde{}";
    case '\\': return "\\textbackslash{}";
    case U'…': return "\\ldots{}";
    case U'§': return "\\S{}";
    default: break;
  }
  if (c < 0x80 || c == U'—' || c == U'–' ||
      (c >= 0xA0 && c <= 0x24F && c != U'½' && c != U'±' && c != U'×' && c != U'÷' && c != U'°'))
    return utf8(c);
  if (const char* m = math_symbol(c)) return std::string("$") + m + "$";
  bool sup = false;
  if (const char32_t b = script_base(c, sup)) return std::string("$") + (sup ? "^{" : "_{") + utf8(b) + "}$";
  return "?";
}

enum class Mode { Neutral, Text, Math };
struct Token {
  Mode mode = Mode::Neutral;
  std::u32string raw;  // as in the text
  std::string math;    // its LaTeX in math mode (for Math and Neutral tokens)
  bool script = false, sup = false;
  bool remark = false;  // "   (Creus & Picón, eq. 10)"
};

std::string math_of(std::u32string_view s);

// The text as tokens: words, single letters and symbols, runs of sub- or superscripts, others.
// A run of letters from s[i] (to `next`): a word, an operator ("max(", "log₂"), or one letter.
Token letters_token(std::u32string_view s, std::size_t i, std::size_t& next) {
  std::size_t j = i;
  while (j < s.size() && (is_letter(s[j]) || (j > i && s[j] == '\'' && j + 1 < s.size() && is_letter(s[j + 1])))) ++j;
  Token t{Mode::Text, std::u32string(s.substr(i, j - i)), ""};
  bool sup = false;
  const bool hat = j < s.size() && s[j] == 0x0302;
  const bool operator_word = j < s.size() && (s[j] == '(' || s[j] == '_' || script_base(s[j], sup) != 0);
  const bool enumerator = j + 1 < s.size() && (s[j] == '.' || s[j] == U'–') &&
                          !(s[j + 1] >= '0' && s[j + 1] <= '9');          // "A. Filters", "B–C."
  const bool section = i >= 2 && s[i - 1] == '.' && is_letter(s[i - 2]);  // "§II.D"
  next = j + (hat && t.raw.size() == 1 ? 1 : 0);
  if (t.raw.size() == 1 && ((enumerator && (i == 0 || s[i - 1] == ' ' || s[i - 1] == U'–')) || section)) return t;
  if (t.raw.size() == 1) {
    const char32_t c = s[i];
    t.mode = Mode::Math;
    t.math = hat ? "\\hat{" + utf8(c) + "}" : (c < 0x80 ? utf8(c) : "\\text{" + utf8(c) + "}");
  } else if (operator_word) {
    t.mode = Mode::Math;
    std::string name;
    for (char32_t x : t.raw) name += utf8(x);
    t.math = "\\operatorname{" + name + "}";
  }
  return t;
}

// "^(−z)", "_q", "^2" from s[i] (to `next`): a script of what follows, without the brackets.
Token caret_token(std::u32string_view s, std::size_t i, std::size_t& next) {
  const char32_t c = s[i];
  std::size_t j = i + 1;
  std::u32string_view inner;
  if (s[j] == '(') {
    for (int depth = 0; j < s.size(); ++j) {
      depth += s[j] == '(' ? 1 : s[j] == ')' ? -1 : 0;
      if (depth == 0) break;
    }
    inner = s.substr(i + 2, std::min(j, s.size()) - i - 2);
    next = std::min(j + 1, s.size());
  } else {
    while (j < s.size() && s[j] < 0x80 && std::isalnum(static_cast<int>(s[j]))) ++j;
    if (j == i + 1) j = i + 2;  // one character, whatever it is
    inner = s.substr(i + 1, j - i - 1);
    next = j;
  }
  return {Mode::Math, std::u32string(s.substr(i, next - i)), std::string(c == '^' ? "^{" : "_{") + math_of(inner) + "}",
          true, c == '^'};
}

// The text as tokens: words, single letters and symbols, runs of sub- or superscripts, others.
std::vector<Token> tokens_of(std::u32string_view s) {
  std::vector<Token> out;
  for (std::size_t i = 0, next = 0; i < s.size(); i = next) {
    const char32_t c = s[i];
    bool sup = false;
    next = i + 1;
    if (c == ' ' && s.substr(i, 4) == U"   (") {  // a remark: text to the end
      out.push_back({Mode::Text, std::u32string(s.substr(i + 3)), ""});
      out.back().remark = true;
      next = s.size();
    } else if (is_letter(c)) {
      out.push_back(letters_token(s, i, next));
    } else if (script_base(c, sup)) {
      std::string inner;
      for (bool kind = false; next <= s.size() && script_base(s[next - 1], kind) && kind == sup; ++next)
        inner += utf8(script_base(s[next - 1], kind));
      --next;
      out.push_back(
          {Mode::Math, std::u32string(s.substr(i, next - i)), std::string(sup ? "^{" : "_{") + inner + "}", true, sup});
    } else if ((c == '^' || c == '_') && i + 1 < s.size()) {
      out.push_back(caret_token(s, i, next));
    } else if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') {  // "Training: E = …", "∂C/∂K[0,1]: δ slides"
      out.push_back({Mode::Text, U":", ""});
    } else if (const char* m = math_symbol(c)) {
      out.push_back({Mode::Math, std::u32string(1, c), m, c == U'°', c == U'°'});
    } else if (c == U'′') {
      out.push_back({Mode::Math, std::u32string(1, c), "'", true, true});
    } else {
      out.push_back({Mode::Neutral, std::u32string(1, c), math_plain(c)});
    }
  }
  return out;
}

// Math tokens in a row: a second superscript (or subscript) on one base gets an empty base "{}".
std::string join_math(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  std::string out;
  bool sup_used = false, sub_used = false;
  for (std::size_t i = from; i < to; ++i) {
    const Token& t = tokens[i];
    if (t.mode == Mode::Text) {  // a word inside math (latex_math)
      std::string word;
      for (char32_t c : t.raw) word += text_char(c);
      out += (t.remark ? "\\quad\\text{" : "\\text{") + word + "}";
      sup_used = sub_used = false;
      continue;
    }
    if (t.script) {
      bool& used = t.sup ? sup_used : sub_used;
      if (used) {
        out += "{}";
        sup_used = sub_used = false;
      }
      used = true;
    } else if (t.raw != U" ") {
      sup_used = sub_used = false;
    }
    const bool by_word =
        (i > from && tokens[i - 1].mode == Mode::Text) || (i + 1 < to && tokens[i + 1].mode == Mode::Text);
    out += t.raw == U" " && by_word ? "\\ " : t.math;
  }
  return out;
}

std::string math_of(std::u32string_view s) {
  const auto tokens = tokens_of(s);
  return join_math(tokens, 0, tokens.size());
}

// "a" between two words is the article, not a variable ("is a brightness").
void find_articles(std::vector<Token>& tokens) {
  auto word_at = [&](std::size_t i, int step) {
    for (i += static_cast<std::size_t>(step); i < tokens.size() && tokens[i].raw == U" ";
         i += static_cast<std::size_t>(step)) {
    }
    return i < tokens.size() && tokens[i].mode == Mode::Text && !tokens[i].remark;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if ((tokens[i].raw == U"a" || tokens[i].raw == U"A") && word_at(i, -1) && word_at(i, 1))
      tokens[i].mode = Mode::Text;
}

// Neutral tokens take the mode of what stands before them (or after, at the start); a space
// between text and math goes to the text.
void settle_modes(std::vector<Token>& tokens) {
  Mode last = Mode::Neutral;
  for (Token& t : tokens)
    if (t.mode != Mode::Neutral) {
      last = t.mode;
      break;
    }
  if (last == Mode::Neutral) last = Mode::Text;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].mode != Mode::Neutral) {
      last = tokens[i].mode;
      continue;
    }
    Mode next = last;
    for (std::size_t j = i + 1; j < tokens.size(); ++j)
      if (tokens[j].mode != Mode::Neutral) {
        next = tokens[j].mode;
        break;
      }
    tokens[i].mode = (tokens[i].raw == U" " && next != last) ? Mode::Text : last;
  }
}

}  // namespace

std::string latex_mixed(std::string_view text) {
  std::vector<Token> tokens = tokens_of(code_points(text));
  find_articles(tokens);
  settle_modes(tokens);
  std::string out;
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t j = i;
    while (j < tokens.size() && tokens[j].mode == tokens[i].mode) ++j;
    if (tokens[i].mode == Mode::Math) {
      out += "$" + join_math(tokens, i, j) + "$";
    } else {
      for (std::size_t k = i; k < j; ++k) {
        if (tokens[k].remark) out += "\\quad ";
        for (char32_t c : tokens[k].raw) out += text_char(c);
      }
    }
    i = j;
  }
  return out;
}

std::string latex_math(std::string_view text) { return math_of(code_points(text)); }

std::string latex_plain(std::string_view text) {
  std::string out;
  for (char32_t c : code_points(text))
    out += (c >= 0x80 && !is_letter(c) && c != U'—' && c != U'–') ? "?" : text_char(c);
  return out;
}

}  // namespace neurostep
