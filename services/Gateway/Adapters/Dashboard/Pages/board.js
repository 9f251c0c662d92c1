import { api, el, label, listAll, liveProgress, requireRole, time, timeline } from "./session.js";

requireRole("staff");

const statuses = [
  "PROGRESS_STATUS_PLACED",
  "PROGRESS_STATUS_ASSIGNMENT_PENDING",
  "PROGRESS_STATUS_ENGINEER_ASSIGNED",
  "PROGRESS_STATUS_INSTALLATION_SCHEDULED",
  "PROGRESS_STATUS_COMPLETED",
  "PROGRESS_STATUS_CANCELLED",
];
const chartMinutes = 30;
const orders = new Map();
let engineers = [];
let selected = null;
let renderQueued = false;
let engineersTimer = null;

/** Keeps the newest version of each order: the listing and the stream may overlap. */
function upsert(progress) {
  const known = orders.get(progress.orderId);
  if (known && Number(known.version ?? 0) > Number(progress.version ?? 0)) {
    return;
  }
  orders.set(progress.orderId, progress);
  if (progress.orderId === selected) {
    showTimeline(progress);
  }
  queueRender();
}

function queueRender() {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      render();
    });
  }
}

function render() {
  renderBoard();
  renderCancellations();
  renderLoad();
  renderRate();
}

function card(progress) {
  return el("button", {
    type: "button",
    class: "card" + (progress.cancellationPending ? " pending" : "") + (progress.orderId === selected ? " selected" : ""),
    "data-order-id": progress.orderId,
    "data-status": progress.status,
    title: `Placed ${time(progress.placedAt)}`,
    onclick: () => select(progress.orderId),
  }, el("span", { class: "id" }, progress.orderId), el("span", { class: "muted" }, progress.customer?.name ?? ""));
}

function renderBoard() {
  const regions = [...new Set([...orders.values()].map(order => order.region))].sort();
  const head = el("tr", {}, el("th", {}, "Region"), statuses.map(status => el("th", {}, label(status, "PROGRESS_STATUS_"))));
  const rows = regions.map(region => el("tr", { "data-region": region }, el("th", { scope: "row" }, region),
    statuses.map(status => el("td", { "data-status": status },
      [...orders.values()].filter(order => order.region === region && order.status === status)
        .sort((a, b) => (b.lastChangedAt ?? "").localeCompare(a.lastChangedAt ?? "")).map(card)))));
  document.getElementById("board").replaceChildren(el("thead", {}, head),
    el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: statuses.length + 1, class: "muted" }, "No orders yet."))));
}

function renderCancellations() {
  const waiting = [...orders.values()].filter(order => order.cancellationPending);
  document.getElementById("cancellations").replaceChildren(...(waiting.length
    ? waiting.map(order => el("li", { "data-order-id": order.orderId }, card(order), " ", label(order.status, "PROGRESS_STATUS_"),
      order.cancelReason ? el("span", { class: "muted" }, " — ", order.cancelReason) : null))
    : [el("li", { class: "muted" }, "None.")]));
}

function renderLoad() {
  const byRegion = Map.groupBy(engineers, engineer => engineer.region);
  const most = Math.max(1, ...engineers.map(engineer => engineer.activeAssignments ?? 0));
  const regions = [...byRegion.keys()].sort().map(region => {
    const roster = byRegion.get(region);
    const active = roster.reduce((sum, engineer) => sum + (engineer.activeAssignments ?? 0), 0);
    return el("details", { "data-region": region, open: roster.length <= 4 },
      el("summary", {}, el("strong", {}, region), ` ${roster.length} engineer${roster.length === 1 ? "" : "s"}, ${active} active`),
      el("ul", { class: "plain" }, roster.map(engineer => el("li", { class: "bar-row" },
        el("span", {}, engineer.name, el("span", { class: "muted" }, " ", engineer.engineerId)),
        el("span", { class: "bar" },
          el("span", { class: "fill", "data-share": Math.round(100 * (engineer.activeAssignments ?? 0) / most) })),
        el("span", {}, String(engineer.activeAssignments ?? 0))))));
  });
  document.getElementById("load").replaceChildren(...(regions.length ? regions : [el("p", { class: "muted" }, "No engineers on the roster.")]));
  // Widths through the CSS object model: the page's policy allows no inline style attributes.
  for (const fill of document.querySelectorAll("#load .fill")) {
    fill.style.width = fill.dataset.share + "%";
  }
}

/** A bar per minute, drawn as SVG: how many orders were placed in each of the last minutes. */
function renderRate() {
  const now = Date.now();
  const counts = new Array(chartMinutes).fill(0);
  for (const order of orders.values()) {
    const age = Math.floor((now - Date.parse(order.placedAt)) / 60000);
    if (age >= 0 && age < chartMinutes) {
      counts[chartMinutes - 1 - age]++;
    }
  }
  const width = 600, height = 160, pad = 24, top = Math.max(1, ...counts);
  const svg = (tag, attributes, ...children) => {
    const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) {
      element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  };
  const step = (width - pad) / chartMinutes;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Orders per minute" },
    svg("line", { x1: pad, y1: height - pad, x2: width, y2: height - pad, class: "axis" }),
    svg("text", { x: 0, y: 12, class: "tick" }, String(top)),
    svg("text", { x: 0, y: height - pad, class: "tick" }, "0"),
    svg("text", { x: pad, y: height - 6, class: "tick" }, `-${chartMinutes} min`),
    svg("text", { x: width - 30, y: height - 6, class: "tick" }, "now"),
    ...counts.map((count, minute) => {
      const barHeight = (height - 2 * pad) * count / top;
      return svg("rect", { x: pad + minute * step + 1, y: height - pad - barHeight, width: step - 2, height: barHeight, class: "bar-fill" },
        svg("title", {}, `${count} order${count === 1 ? "" : "s"}`));
    }));
  document.getElementById("rate").replaceChildren(chart);
}

async function select(orderId) {
  selected = orderId;
  queueRender();
  document.getElementById("timeline-order").textContent = orderId;
  try {
    showTimeline((await api("/api/order-statuses/" + encodeURIComponent(orderId))).progress);
  } catch (error) {
    document.getElementById("timeline").replaceChildren(el("p", { class: "error" }, error.message));
  }
}

function showTimeline(progress) {
  document.getElementById("timeline").replaceChildren(
    el("p", {}, `${progress.customer?.name ?? ""} · ${progress.productCode ?? ""} · ${progress.region}`,
      progress.engineer ? ` · engineer ${progress.engineer.name}` : "",
      progress.scheduledDate ? ` · visit ${progress.scheduledDate}` : ""),
    timeline(progress));
}

async function loadEngineers() {
  try {
    engineers = await listAll("/api/engineers", "engineers");
    queueRender();
  } catch (error) {
    document.getElementById("load").replaceChildren(el("p", { class: "error" }, error.message));
  }
}

/** The roster's load changes with assignments: read it again shortly after a burst of changes. */
function engineersSoon() {
  clearTimeout(engineersTimer);
  engineersTimer = setTimeout(loadEngineers, 1000);
}

liveProgress(progress => {
  upsert(progress);
  engineersSoon();
}, error => document.getElementById("board").replaceChildren(el("caption", { class: "error" }, error.message)));
loadEngineers();
// The chart's window moves on with the clock.
setInterval(queueRender, 30000);
