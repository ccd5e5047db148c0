// The course's slider: a native <input type="range"> named by its <label>, so screen readers
// announce it, the arrow keys move it, and axe-core finds its accessible name. The stock
// ipywidgets slider draws a <div role="slider"> handle that no description reaches.
function decimals(step) {
  const text = String(step);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

function render({ model, el }) {
  const id = "cl-slider-" + Math.random().toString(36).slice(2);
  el.classList.add("cl-slider");
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "cl-slider-label";
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  input.className = "cl-slider-input";
  const output = document.createElement("output");
  output.htmlFor = id;
  output.className = "cl-slider-value";
  el.append(label, input, output);

  const show = (value) => {
    output.textContent = Number(value).toFixed(decimals(model.get("step")));
  };
  const update = () => {
    label.textContent = model.get("description");
    label.style.width = model.get("label_width");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    show(model.get("value"));
  };
  const send = () => {
    model.set("value", Number(input.value));
    model.save_changes();
  };
  // "input" fires while dragging, "change" on release (continuous_update off)
  input.addEventListener("input", () => {
    show(input.value);
    if (model.get("continuous_update")) { send(); }
  });
  input.addEventListener("change", send);
  model.on("change", update);
  update();
  return () => model.off("change", update);
}

export default { render };
