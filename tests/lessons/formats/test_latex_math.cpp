// latex_math.h: the lessons' Unicode formulas as LaTeX math, words as text.
#include <doctest/doctest.h>

#include "lessons/formats/latex_math.h"

using namespace neurostep;

TEST_CASE("sub- and superscripts, primes and sums typeset as the formulas read") {
  CHECK(latex_math("w⁽¹⁾₁₂") == "w^{(1)}_{12}");
  CHECK(latex_math("σ′(z)") == "\\sigma '(z)");
  CHECK(latex_math("Σ_q x") == "\\sum _{q} x");        // no literal underscore
  CHECK(latex_math("a⁽¹⁾₁²") == "a^{(1)}_{1}{}^{2}");  // no double superscript
  CHECK(latex_math("e^(−z)") == "e^{-z}");
  CHECK(latex_math("x̂₂") == "\\hat{x}_{2}");
  CHECK(latex_math("ln(2)") == "\\operatorname{ln}(2)");
}

TEST_CASE("words stay text, math goes in $…$, and TeX's special characters are escaped") {
  CHECK(latex_mixed("E after 1000 updates = ½ Σₖ (tₖ − oₖ)²") ==
        "$E$ after 1000 updates $= \\tfrac12  \\sum _{k} (t_{k} - o_{k})^{2}$");
  CHECK(latex_mixed("δ of layer 2") == "$\\delta $ of layer 2");
  CHECK(latex_mixed("Each pixel is a brightness") == "Each pixel is a brightness");
  CHECK(latex_mixed("A. Filters") == "A. Filters");
  CHECK(latex_mixed("δ⁽¹⁾₁ = x   (Creus & Picón, eq. 10)") ==
        "$\\delta ^{(1)}_{1} = x$\\quad (Creus \\& Picón, eq. 10)");
  CHECK(latex_mixed("∂C/∂K[0,1]: δ slides") == "$\\partial C/\\partial K[0,\\allowbreak 1]$: $\\delta $ slides");
  CHECK(latex_plain("50% of #1_a {x}") == "50\\% of \\#1\\_a \\{x\\}");
  for (const char* s : {"ŷ = σ(z)", "⌊(h + 2p − f)/s⌋", "1/2 → ✓"})
    for (unsigned char c : latex_mixed(s)) CHECK(c < 0x80);  // no Unicode left for pdflatex
}
