// The configuration explorer (explore.html): the search of `report recommend`, in the page.
// Inputs come from the form and live in the URL fragment; the answer goes to the page and,
// for scripts, to <output id="winner" data-…>. The fitted parameters are embedded by the build
// (#explorer-data); every formula below mirrors one in Sources/GQAReport (named beside it).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  var k = data.constants;
  var form = document.getElementById("explorer");
  var OBJECTIVES = ["memory", "flops", "z"];

  // SizeCurve.size(reaching:): N* = a / (L − E)^(1/b); null when L ≤ E.
  function sizeReaching(curve, loss) {
    return loss > curve.E ? curve.a / Math.pow(loss - curve.E, 1 / curve.b) : null;
  }

  // HeadFamily.heads(hidden:): fixed heads, or Llama-3 style n_h = d/d_h (n_kv fixed or n_h/4).
  function heads(curve, hidden) {
    if (curve.family === "fixed") return { q: curve.nHead, kv: curve.nKvHead };
    var q = hidden / k.headSize;
    // The JSON leaves n_kv out when it is n_h/4.
    return { q: q, kv: curve.nKvHead === undefined || curve.nKvHead === null ? q / 4 : curve.nKvHead };
  }

  // ShapeRule.parameters: N(L) = L·(8d² + 2·d·d_h·(n_h + n_kv)), d = (d/L)·L.
  function parameters(curve, layers) {
    var d = k.aspectRatio * layers, h = heads(curve, d);
    return layers * (8 * d * d + 2 * d * k.headSize * (h.q + h.kv));
  }

  // ShapeRule.shape: solve N(L) = N* on u = log L from the same start (Newton's method here,
  // MINPACK's hybrd1 there; both to about 1e-12 relative, far inside the test's 1e-6).
  function shape(curve, n) {
    var u = Math.log(Math.pow(n / (8 * k.aspectRatio * k.aspectRatio), 1 / 3));
    for (var i = 0; i < 100; i++) {
      var layers = Math.exp(u), g = parameters(curve, layers) / n - 1;
      var h = 1e-7, slope = (parameters(curve, Math.exp(u + h)) / n - parameters(curve, Math.exp(u - h)) / n) / (2 * h);
      var step = g / slope;
      u -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    var L = Math.exp(u), d = k.aspectRatio * L, hd = heads(curve, d);
    return { parameters: n, layers: L, hidden: d, q: hd.q, kv: hd.kv };
  }

  // InferenceCost with CostConvention.figure2 (bytes; FLOPs of one pass over T tokens) and
  // perToken (FLOPs per token); HardwareCost.z: Z = λ·M^α + (1 − λ)·C^β.
  function evaluate(curve, inputs) {
    var n = sizeReaching(curve, inputs.loss);
    var c = { curve: curve };
    if (n === null) {
      c.problem = "not reachable: the target loss is at or below the fit's E = " + format(curve.E, 4);
      return c;
    }
    var s = shape(curve, n), t = inputs.context;
    c.shape = s;
    // SizeCurve.extrapolation: N* beyond the largest size the curve was fitted on.
    if (n > curve.largestN) c.extrapolation = (n / curve.largestN).toPrecision(3) + "× the largest fitted N (" + count(curve.largestN) + ")";
    c.memory = n * k.bytesPerValue + t * s.layers * s.kv * k.headDims * k.bytesPerValue;
    c.flops = 2 * n * t + 1 * t * t * 2 * s.layers * s.q * k.headDims;
    c.flopsPerToken = 2 * n * 1 + 1 * 1 * t * 2 * s.layers * s.q * k.headDims;
    c.z = inputs.lambda * Math.pow(c.memory, k.alpha) + (1 - inputs.lambda) * Math.pow(c.flops, k.beta);
    return c;
  }

  // CostOptimalSearch.search and Recommendation.savings.
  function recommend(inputs) {
    var source = data.sources.filter(function (s) { return s.id === inputs.source; })[0];
    var candidates = source.curves.map(function (curve) { return evaluate(curve, inputs); });
    var winner = null;
    candidates.forEach(function (c, index) {
      if (c[inputs.objective] === undefined) return;
      if (winner === null || c[inputs.objective] < candidates[winner][inputs.objective]) winner = index;
    });
    var baseline = source.baseline ? evaluate(source.baseline, inputs) : null;
    var savings = {};
    if (winner !== null && baseline && baseline.shape) {
      OBJECTIVES.forEach(function (o) { savings[o] = 100 * (1 - candidates[winner][o] / baseline[o]); });
    }
    // Recommendation.answer: switch when the cheapest candidate costs less than the baseline.
    var answer = winner === null ? "unreachable"
      : !(baseline && baseline[inputs.objective] !== undefined) ? "no-baseline"
      : candidates[winner][inputs.objective] < baseline[inputs.objective] ? "switch" : "keep-baseline";
    var intervals = answer === "switch" || answer === "keep-baseline" ? savingsIntervals(source, winner, inputs) : {};
    return { source: source, candidates: candidates, winner: winner, baseline: baseline, savings: savings, answer: answer, intervals: intervals };
  }

  // Recommendation.make's intervals: replicate r puts refit r of the winner's curve and of the
  // baseline's in their place (the build embeds them in replicate order); the 2.5th and 97.5th
  // percentiles of the savings, where more than half the replicates give one.
  function savingsIntervals(source, winner, inputs) {
    var mine = source.curves[winner], base = source.baseline, out = {};
    if (!mine.refits.length || !base.refits.length) return out;
    var values = { memory: [], flops: [], z: [] };
    for (var r = 0; r < k.replicates; r++) {
      var a = evaluate(withRefit(mine, mine.refits[r]), inputs), b = evaluate(withRefit(base, base.refits[r]), inputs);
      OBJECTIVES.forEach(function (o) {
        if (a[o] !== undefined && b[o] !== undefined) values[o].push(100 * (1 - a[o] / b[o]));
      });
    }
    OBJECTIVES.forEach(function (o) {
      if (values[o].length * 2 > k.replicates) out[o] = [percentile(values[o], 0.025), percentile(values[o], 0.975)];
    });
    return out;
  }

  function withRefit(curve, p) {
    var copy = Object.assign({}, curve);
    copy.a = p[0]; copy.b = p[1]; copy.E = p[2];
    return copy;
  }

  // Percentile.of: linear interpolation between order statistics (numpy's default).
  function percentile(values, q) {
    var sorted = values.slice().sort(function (x, y) { return x - y; });
    var position = q * (sorted.length - 1), lower = Math.floor(position), upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }

  // ---- inputs: the form and the fragment ----

  function fragment() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var d = data.defaults, out = {};
    ["context", "loss", "objective", "lambda", "source"].forEach(function (key) {
      out[key] = params.has(key) ? params.get(key) : String(d[key]);
    });
    return out;
  }

  function fillForm(values) {
    form.context.value = values.context;
    form.loss.value = values.loss;
    form.lambda.value = values.lambda;
    form.source.value = values.source;
    Array.from(form.objective).forEach(function (radio) { radio.checked = radio.value === values.objective; });
  }

  function readForm() {
    var objective = Array.from(form.objective).filter(function (r) { return r.checked; })[0];
    return { context: form.context.value.trim(), loss: form.loss.value.trim(), lambda: form.lambda.value.trim(),
             objective: objective ? objective.value : "", source: form.source.value };
  }

  // The same ranges as `report recommend`'s validate(), with the page's 1K–1M context range.
  function parse(raw) {
    var problems = [];
    var context = Number(raw.context), loss = Number(raw.loss), lambda = Number(raw.lambda);
    if (!/^\d+$/.test(raw.context) || context < 1024 || context > 1048576) problems.push("the context length must be a whole number of tokens from 1024 to 1048576, got '" + raw.context + "'");
    if (raw.loss === "" || !isFinite(loss) || !(loss > 0)) problems.push("the target loss must be a positive number, got '" + raw.loss + "'");
    if (raw.lambda === "" || !isFinite(lambda) || lambda < 0 || lambda > 1) problems.push("λ must be between 0 and 1, got '" + raw.lambda + "'");
    if (OBJECTIVES.indexOf(raw.objective) < 0) problems.push("the objective must be memory, flops or z, got '" + raw.objective + "'");
    if (!data.sources.some(function (s) { return s.id === raw.source; })) problems.push("no curves from '" + raw.source + "' in this build");
    return { problems: problems, inputs: { context: context, loss: loss, lambda: lambda, objective: raw.objective, source: raw.source } };
  }

  function writeFragment(raw) {
    var hash = "#" + ["context", "loss", "objective", "lambda", "source"].map(function (key) {
      return key + "=" + encodeURIComponent(raw[key]);
    }).join("&");
    if (location.hash === hash) return;
    try { history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
  }

  // ---- output ----

  function format(x, digits) {
    if (x === undefined || x === null) return "–";
    var units = [[1e18, "E"], [1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(x) >= units[i][0]) return (x / units[i][0]).toPrecision(digits || 3) + " " + units[i][1];
    }
    return x.toPrecision(digits || 3);
  }

  // Memory in GiB (2^30 bytes), the unit of every figure and of report recommend.
  function gib(x) { return x === undefined || x === null ? "–" : (x / 1073741824).toPrecision(3) + " GiB"; }

  function percent(x) { return (x >= 0 ? "" : "−") + Math.abs(x).toFixed(1) + "%"; }

  function describe(c) { return c.curve.label; }

  // Parameters in the words of model cards: M and B, not SI's G.
  function count(n) { return n >= 1e9 ? (n / 1e9).toPrecision(3) + " B" : (n / 1e6).toPrecision(3) + " M"; }

  function setWinner(result) {
    var out = document.getElementById("winner");
    var w = result && result.winner !== null ? result.candidates[result.winner] : null;
    out.setAttribute("data-n-head", w ? String(w.shape.q) : "");
    out.setAttribute("data-n-kv-head", w ? String(w.shape.kv) : "");
    out.setAttribute("data-label", w ? w.curve.label : "");
    out.setAttribute("data-parameters", w ? String(w.shape.parameters) : "");
    OBJECTIVES.forEach(function (o) {
      var value = result && result.savings[o] !== undefined ? String(result.savings[o]) : "";
      out.setAttribute("data-savings-" + o, value);
      var interval = result && result.intervals[o];
      out.setAttribute("data-savings-lower-" + o, interval ? String(interval[0]) : "");
      out.setAttribute("data-savings-upper-" + o, interval ? String(interval[1]) : "");
    });
    out.setAttribute("data-answer", result ? result.answer : "");
    return out;
  }

  function withInterval(result, o, negate) {
    var x = result.savings[o], i = result.intervals[o], s = negate ? -1 : 1;
    var text = percent(s * x);
    if (i) text += " (95% interval " + percent(negate ? -i[1] : i[0]) + " … " + percent(negate ? -i[0] : i[1]) + ")";
    return text;
  }

  // The context in K or M where it is a whole number of them (131072 is 128K), nothing else.
  function contextNote(raw) {
    var t = Number(raw.context), note = document.getElementById("context-note");
    note.textContent = /^\d+$/.test(raw.context) && t > 0 && t % 1024 === 0
      ? raw.context + " is " + (t % 1048576 === 0 ? t / 1048576 + "M" : t / 1024 + "K") + "." : "";
  }

  var COLUMNS = Array.from(document.querySelectorAll("#candidates thead th")).map(function (th) { return th.textContent; });

  function render(raw) {
    contextNote(raw);
    var parsed = parse(raw);
    var problem = document.getElementById("problem");
    var summary = document.getElementById("summary");
    var body = document.querySelector("#candidates tbody");
    var chart = document.getElementById("chart");
    body.textContent = "";
    Array.from(chart.querySelectorAll("svg")).forEach(function (svg) { svg.remove(); });
    summary.textContent = "";
    if (parsed.problems.length) {
      problem.hidden = false;
      problem.textContent = "Cannot search: " + parsed.problems.join("; ") + ".";
      var out = setWinner(null);
      out.setAttribute("data-state", "invalid");
      out.textContent = "No answer for these inputs.";
      return;
    }
    problem.hidden = true;
    var inputs = parsed.inputs, result = recommend(inputs);
    var out = setWinner(result);
    out.setAttribute("data-state", result.winner === null ? "unreachable" : "answered");
    var w = result.winner === null ? null : result.candidates[result.winner];
    if (!w) {
      out.textContent = "No configuration reaches a loss of " + inputs.loss + " on the curves from " + result.source.description + ": the target is at or below every curve's E.";
    } else {
      var o = inputs.objective, hedge = result.intervals[o] && result.intervals[o][0] < 0 && result.intervals[o][1] > 0
        ? " The interval reaches both sides of 0: these curves do not tell the two apart with confidence." : "";
      var cheapest = w.curve.label + ", with N* = " + count(w.shape.parameters) + " parameters (L = " + w.shape.layers.toFixed(1) +
        ", d = " + Math.round(w.shape.hidden) + "): memory " + gib(w.memory) + ", " + format(w.flopsPerToken) + " FLOPs per token at T = " + inputs.context + ".";
      var beyond = [w, result.baseline].filter(function (c) { return c && c.extrapolation; }).map(function (c) {
        return " " + (c === w ? w.curve.label : "The baseline") + "'s N* is " + c.extrapolation + ": an extrapolation of its fitted curve.";
      }).join("");
      if (result.answer === "keep-baseline") {
        out.textContent = "Keep Llama-3's configuration: at this context and loss it costs less in " + o + " than every candidate. The cheapest alternative, " +
          cheapest + " It costs " + withInterval(result, o, true) + " more." + hedge;
      } else if (result.answer === "switch") {
        out.textContent = "Switch to " + cheapest + " It saves " + withInterval(result, o, false) + " of " + o + " against Llama-3's configuration." + hedge;
      } else {
        out.textContent = "Cheapest: " + cheapest;
      }
      out.textContent += beyond;
      var b = result.baseline;
      var p = document.createElement("p");
      if (b && b.shape) {
        p.textContent = "Llama-3-style baseline at the same loss: " + describe(b) + ", N* = " + count(b.shape.parameters) + " (L = " + b.shape.layers.toFixed(1) +
          ", d = " + Math.round(b.shape.hidden) + "), memory " + gib(b.memory) + ", " + format(b.flopsPerToken) + " FLOPs per token. Saved by the cheapest candidate: memory " +
          withInterval(result, "memory") + ", FLOPs " + withInterval(result, "flops") + ", Z " + withInterval(result, "z") + " (negative: it costs more in that quantity).";
      } else {
        p.textContent = b ? "The Llama-3-style baseline does not reach this loss (" + b.problem + "), so there are no savings to state." : "These curves have no Llama-3-style baseline, so there are no savings to state.";
      }
      summary.appendChild(p);
    }
    var cheapestMark = result.answer === "keep-baseline" ? "cheapest candidate" : "winner";
    var rows = result.candidates.map(function (c, i) { return { c: c, mark: i === result.winner ? cheapestMark : "" }; });
    if (result.baseline) rows.push({ c: result.baseline, mark: result.answer === "keep-baseline" ? "baseline: keep it" : "baseline" });
    rows.forEach(function (row) {
      var c = row.c, tr = document.createElement("tr");
      var cells = [describe(c) + (row.mark ? " (" + row.mark + ")" : "")].concat(c.shape
        ? [count(c.shape.parameters), c.shape.layers.toFixed(2), c.shape.hidden.toFixed(0), gib(c.memory), format(c.flops), format(c.flopsPerToken), c.z.toFixed(0),
           c.extrapolation ? "N* extrapolated: " + c.extrapolation : ""]
        : ["–", "–", "–", "–", "–", "–", "–", c.problem]);
      cells.forEach(function (text, index) {
        var cell = document.createElement(index === 0 ? "th" : "td");
        if (index === 0) cell.scope = "row";
        // Named, so a phone shows each candidate as a card whose costs stay on screen (style.css).
        else cell.setAttribute("data-label", COLUMNS[index]);
        if (index > 0 && index < 8) cell.className = "num";
        cell.textContent = text;
        tr.appendChild(cell);
      });
      if (row.mark === cheapestMark) tr.className = "winner";
      body.appendChild(tr);
    });
    chart.insertBefore(bars(result, inputs), chart.firstChild);
  }

  // A bar per reachable candidate: its objective as a share of the baseline's (or of the
  // largest candidate's when there is no baseline). Text labels carry every value.
  function bars(result, inputs) {
    var ns = "http://www.w3.org/2000/svg", o = inputs.objective;
    var rows = result.candidates.map(function (c, i) { return { c: c, winner: i === result.winner }; })
      .filter(function (r) { return r.c[o] !== undefined; });
    var reference = result.baseline && result.baseline[o] !== undefined ? result.baseline[o]
      : Math.max.apply(null, rows.map(function (r) { return r.c[o]; }));
    if (result.baseline && result.baseline[o] !== undefined) rows.push({ c: result.baseline, baseline: true });
    var rowHeight = 22, labelWidth = 190, width = 560, barWidth = width - labelWidth - 70;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (rows.length * rowHeight + 8));
    svg.setAttribute("width", width);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Objective " + o + " of each candidate relative to " + (result.baseline ? "the baseline" : "the largest"));
    var scale = Math.max.apply(null, rows.map(function (r) { return r.c[o] / reference; }).concat([1]));
    rows.forEach(function (r, i) {
      var y = 4 + i * rowHeight, share = r.c[o] / reference;
      function add(tag, attrs, text) {
        var e = document.createElementNS(ns, tag);
        Object.keys(attrs).forEach(function (key) { e.setAttribute(key, attrs[key]); });
        if (text) e.textContent = text;
        svg.appendChild(e);
        return e;
      }
      // Text in the page's colour (style.css sets the chart's), so it reads in dark mode too.
      add("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end", "font-size": 12, fill: "currentColor" },
          (r.baseline ? (result.answer === "keep-baseline" ? "baseline (keep)" : "baseline") : r.c.curve.label) + (r.winner ? (result.answer === "keep-baseline" ? " (cheapest)" : " (winner)") : ""));
      // Each configuration in its colour of every figure (explorer.json's "color"); the
      // figures' black (Llama-3's) is the page's text colour here, so it keeps its contrast
      // on a dark page too.
      var color = r.c.curve.color || "#1f5fa8";
      if (color === "#000000") color = "currentColor";
      add("rect", { x: labelWidth, y: y + 3, width: Math.max(1, barWidth * share / scale), height: rowHeight - 8,
                    fill: r.winner ? color : "none", stroke: color, "stroke-width": r.winner ? 2 : 1,
                    "stroke-dasharray": r.baseline ? "4 2" : "none" });
      add("text", { x: labelWidth + barWidth * share / scale + 6, y: y + 15, "font-size": 12, fill: "currentColor" }, (100 * share).toFixed(1) + "%");
    });
    return svg;
  }

  function fromFragment() {
    var values = fragment();
    fillForm(values);
    render(values);
  }

  form.addEventListener("input", function () {
    var raw = readForm();
    writeFragment(raw);
    render(raw);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
})();
