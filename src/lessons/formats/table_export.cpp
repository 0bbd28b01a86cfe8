#include "lessons/formats/table_export.h"

#include "figure/figure_csv.h"

#include <fmt/format.h>

#include <string_view>

#include <set>

#include "figure/utf8.h"

namespace neurostep {

std::string history_csv(const HistoryTable& table) {
  std::string out;
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    out += (c ? "," : "") + csv_field(c == 0 ? "step" : table.headers[c]);
  out += "\n";
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    out += csv_field(table.row_labels[r]);
    for (const auto& cell : table.cells[r]) out += cell ? fmt::format(",{}", *cell) : ",";
    out += "\n";
  }
  return out;
}

std::string history_markdown(const HistoryTable& table, int precision) {
  std::string out = "|";
  for (const auto& h : table.headers) out += " " + h + " |";
  out += "\n|";
  for (std::size_t c = 0; c < table.headers.size(); ++c) out += c ? "---:|" : "---|";
  out += "\n";
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    out += "| " + table.row_labels[r] + " |";
    for (const auto& cell : table.cells[r])
      out += " " + (cell ? format_number(*cell, precision) : std::string()) + " |";
    out += "\n";
  }
  return out;
}

namespace {

// The LaTeX for a Unicode symbol the lessons use; nullptr for one LaTeX already knows.
const char* latex_for(char32_t c) {
  switch (c) {
    case U'∂': return "\\ensuremath{\\partial}";
    case U'σ': return "\\ensuremath{\\sigma}";
    case U'η': return "\\ensuremath{\\eta}";
    case U'δ': return "\\ensuremath{\\delta}";
    case U'ε': return "\\ensuremath{\\varepsilon}";
    case U'α': return "\\ensuremath{\\alpha}";
    case U'β': return "\\ensuremath{\\beta}";
    case U'γ': return "\\ensuremath{\\gamma}";
    case U'θ': return "\\ensuremath{\\theta}";
    case U'λ': return "\\ensuremath{\\lambda}";
    case U'μ': return "\\ensuremath{\\mu}";
    case U'π': return "\\ensuremath{\\pi}";
    case U'ρ': return "\\ensuremath{\\rho}";
    case U'τ': return "\\ensuremath{\\tau}";
    case U'φ': return "\\ensuremath{\\varphi}";
    case U'ω': return "\\ensuremath{\\omega}";
    case U'Δ': return "\\ensuremath{\\Delta}";
    case U'Σ': return "\\ensuremath{\\Sigma}";
    case U'Π': return "\\ensuremath{\\Pi}";
    case U'∇': return "\\ensuremath{\\nabla}";
    case U'′': return "\\ensuremath{'}";
    case U'·': return "\\ensuremath{\\cdot}";
    case U'−': return "\\ensuremath{-}";
    case U'×': return "\\ensuremath{\\times}";
    case U'←': return "\\ensuremath{\\leftarrow}";
    case U'→': return "\\ensuremath{\\rightarrow}";
    case U'≤': return "\\ensuremath{\\leq}";
    case U'≥': return "\\ensuremath{\\geq}";
    case U'≈': return "\\ensuremath{\\approx}";
    case U'≠': return "\\ensuremath{\\neq}";
    case U'…': return "\\ldots{}";
    case U'⊙': return "\\ensuremath{\\odot}";
    case U'⋆': return "\\ensuremath{\\star}";
    case U'∞': return "\\ensuremath{\\infty}";
    case U'√': return "\\ensuremath{\\surd}";
    case U'⌊': return "\\ensuremath{\\lfloor}";
    case U'⌋': return "\\ensuremath{\\rfloor}";
    case U'ŷ': return "\\ensuremath{\\hat{y}}";
    case U'\u0302': return "\\ensuremath{\\hat{}}";
    case U'ᵢ': return "\\ensuremath{_{i}}";
    case U'ⱼ': return "\\ensuremath{_{j}}";
    case U'ₖ': return "\\ensuremath{_{k}}";
    case U'ₗ': return "\\ensuremath{_{l}}";
    case U'ₚ': return "\\ensuremath{_{p}}";
    case U'ₙ': return "\\ensuremath{_{n}}";
    case U'ᵗ': return "\\ensuremath{^{t}}";
    case U'ˡ': return "\\ensuremath{^{l}}";
    case U'⁽': return "\\ensuremath{^{(}}";
    case U'⁾': return "\\ensuremath{^{)}}";
    case U'⁺': return "\\ensuremath{^{+}}";
    case U'⁻': return "\\ensuremath{^{-}}";
    case U'¹': return "\\ensuremath{^{1}}";
    case U'²': return "\\ensuremath{^{2}}";
    case U'³': return "\\ensuremath{^{3}}";
    case U'ᵀ': return "\\ensuremath{^{T}}";
    case U'✓': return "\\ensuremath{\\checkmark}";
    case U'✗': return "\\ensuremath{\\times}";
    default: break;
  }
  if (c >= U'⁰' && c <= U'⁹') return nullptr;  // handled below
  if (c >= U'₀' && c <= U'₉') return nullptr;
  return nullptr;
}

std::string latex_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '_': out += "\\_"; break;
      case '%': out += "\\%"; break;
      case '&': out += "\\&"; break;
      case '#': out += "\\#"; break;
      case '$': out += "\\$"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

namespace {

std::string latex_longtable(const LatexBlock& b) {
  // longtable: a table longer than a page continues on the next, with its header repeated
  std::string table = "\\begin{longtable}{" + b.alignment + "}\n\\toprule\n";
  for (std::size_t c = 0; c < b.headers.size(); ++c) table += (c ? " & " : "") + latex_escape(b.headers[c]);
  table += " \\\\\n\\midrule\n\\endhead\n";
  for (const auto& row : b.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) table += (c ? " & " : "") + latex_escape(row[c]);
    table += b.roomy ? " \\\\[3ex]\n" : " \\\\\n";
  }
  table += "\\bottomrule\n\\end{longtable}\n";
  return table;
}

// The LaTeX of a non-ASCII symbol; empty for one LaTeX's utf8 input knows with T1 fonts.
std::string symbol_latex(char32_t c) {
  if (const char* known = latex_for(c)) return known;
  if (c >= U'⁰' && c <= U'⁹') return fmt::format("\\ensuremath{{^{{{}}}}}", static_cast<int>(c - U'⁰'));
  if (c >= U'₀' && c <= U'₉') return fmt::format("\\ensuremath{{_{{{}}}}}", static_cast<int>(c - U'₀'));
  if (c < 0x180 || c == U'—' || c == U'–') return {};  // Latin-1, Latin Extended-A (ć, š, ł) and dashes: T1 has them
  return "?";
}

// The preamble's \DeclareUnicodeCharacter lines for every symbol in `body`.
std::string unicode_declarations(const std::string& body) {
  std::set<char32_t> symbols;
  for (char32_t c : code_points(body))
    if (c >= 0x80) symbols.insert(c);
  std::string preamble;
  for (char32_t c : symbols)
    if (const std::string latex = symbol_latex(c); !latex.empty())
      preamble += fmt::format("\\DeclareUnicodeCharacter{{{:04X}}}{{{}}}\n", static_cast<unsigned>(c), latex);
  return preamble;
}

std::string wrap_document(const std::string& body) {
  return "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
         "\\usepackage{booktabs}\n\\usepackage{longtable}\n\\usepackage{amssymb}\n\\usepackage[landscape,margin=1cm]{"
         "geometry}\n" +
         unicode_declarations(body) + "\\begin{document}\n\\small\n" + body + "\\end{document}\n";
}

}  // namespace

std::string latex_text(const std::string& text) {
  std::string out;
  for (char32_t c : code_points(text)) {
    if (c < 0x80)
      out += latex_escape(std::string(1, static_cast<char>(c)));
    else if (const std::string latex = symbol_latex(c); !latex.empty())
      out += latex;
    else
      out += utf8(c);
    if (c == U'→' || c == U'←' || c == U'·' || c == U'×')
      out += "\\allowbreak{}";  // long chains of numbers may break there
  }
  return out;
}

std::string latex_table_document(const std::vector<std::string>& headers,
                                 const std::vector<std::vector<std::string>>& rows, const std::string& alignment) {
  return wrap_document(latex_longtable({.headers = headers, .rows = rows, .alignment = alignment}));
}

std::string latex_document(const std::vector<LatexBlock>& blocks) {
  std::string body;
  for (const LatexBlock& b : blocks) {
    if (!b.heading.empty()) body += "\\section*{" + latex_escape(b.heading) + "}\n";
    if (!b.text.empty()) {
      body += latex_escape(b.text) + "\n\n";  // a blank line in the text is a new paragraph in LaTeX too
    }
    if (!b.headers.empty()) body += latex_longtable(b);
  }
  return wrap_document(body);
}

std::string history_latex(const HistoryTable& table, int precision) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    rows.push_back({table.row_labels[r]});
    for (const auto& cell : table.cells[r]) rows.back().push_back(cell ? format_number(*cell, precision) : "");
  }
  std::vector<std::string> headers = table.headers;
  headers[0] = "step";
  return latex_table_document(headers, rows, "l" + std::string(table.headers.size() - 1, 'r'));
}

}  // namespace neurostep
