#include "lessons/engines/slip_reruns.h"

#include <algorithm>
#include <cmath>

#include "lessons/engines/activation_choice.h"
#include "lessons/framework/slips.h"

namespace neurostep {

namespace {

bool agree_at(const Slope& a, const Slope& b, const std::vector<double>& at) {
  return std::all_of(at.begin(), at.end(), [&](double z) { return std::abs(a(z) - b(z)) <= 1e-12; });
}

Slope derivative_of(ActivationKind g, double param) {
  return [g, param](double z) { return activation_derivative(g, z, param); };
}

}  // namespace

std::vector<SlopeSlip> slope_slips(ActivationKind f, double param, const std::vector<double>& at) {
  const Slope right = derivative_of(f, param);
  const std::string right_name = std::string(activation_symbol(f)) + "′";
  std::vector<std::pair<std::string, Slope>> others;  // symbols of the derivatives that agree, and the slope
  for (const auto& choice : activation_choices()) {
    const ActivationKind g = choice.value;
    if (g == f) continue;
    const Slope s = derivative_of(g, Activation<double>::default_param(g));
    if (agree_at(s, right, at)) continue;
    const std::string name = std::string(activation_symbol(g)) + "′";
    const auto same =
        std::find_if(others.begin(), others.end(), [&](const auto& o) { return agree_at(o.second, s, at); });
    if (same != others.end())
      same->first += " or " + name;
    else
      others.emplace_back(name, s);
  }
  std::vector<SlopeSlip> slips;
  for (auto& [name, s] : others) slips.push_back({other_derivative_slip(name, right_name), std::move(s)});
  slips.push_back(
      {activation_for_derivative_slip(activation_symbol(f)), [f, param](double z) { return activate(f, z, param); }});
  return slips;
}

}  // namespace neurostep
