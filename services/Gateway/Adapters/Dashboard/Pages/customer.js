import { api, el, label, liveProgress, requireRole, timeline } from "./session.js";

requireRole("customer");

const mine = new Map();

function remember(progress) {
  const known = mine.get(progress.orderId);
  if (!known || Number(known.version ?? 0) <= Number(progress.version ?? 0)) {
    mine.set(progress.orderId, progress);
  }
  document.getElementById("orders").replaceChildren(...[...mine.values()]
    .sort((a, b) => (b.placedAt ?? "").localeCompare(a.placedAt ?? ""))
    .map(order => el("li", { "data-order-id": order.orderId, "data-status": order.status },
      el("button", { type: "button", class: "link", onclick: () => open(order.orderId) }, order.orderId), " ",
      el("strong", {}, label(order.status, "PROGRESS_STATUS_")),
      order.cancellationPending ? el("span", { class: "flag" }, " cancellation pending") : null)));
  const shown = document.querySelector("#order [data-order-id]");
  if (shown?.dataset.orderId === progress.orderId) {
    show(mine.get(progress.orderId));
  }
}

function show(progress) {
  const cancellable = !["PROGRESS_STATUS_COMPLETED", "PROGRESS_STATUS_CANCELLED"].includes(progress.status) && !progress.cancellationPending;
  document.getElementById("order").replaceChildren(el("article", { "data-order-id": progress.orderId, "data-status": progress.status },
    el("h3", {}, progress.orderId, " · ", label(progress.status, "PROGRESS_STATUS_")),
    el("p", {}, `${progress.productCode} · ${progress.installationAddress?.addressLine ?? ""}`,
      progress.engineer ? ` · engineer ${progress.engineer.name} (${progress.engineer.phone})` : "",
      progress.scheduledDate ? ` · visit ${progress.scheduledDate}` : ""),
    timeline(progress),
    cancellable ? el("button", { type: "button", onclick: () => cancel(progress.orderId) }, "Cancel order") : null));
}

async function open(orderId) {
  try {
    const progress = (await api("/api/order-statuses/" + encodeURIComponent(orderId))).progress;
    remember(progress);
    show(progress);
  } catch (error) {
    document.getElementById("order").replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
  }
}

async function cancel(orderId) {
  try {
    await api(`/api/orders/${encodeURIComponent(orderId)}/cancel`, { method: "POST", body: { reason: "cancelled by the customer" } });
  } catch (error) {
    document.getElementById("order").append(el("p", { class: "error", role: "alert" }, error.message));
  }
}

// The idempotency key of the application being sent: pressing Place again after a failure sends the same
// application with the same key, so an order the first attempt created is returned instead of placed twice.
let pending = { application: "", requestId: "" };

document.getElementById("place").addEventListener("submit", async event => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  const placed = document.getElementById("placed");
  const application = {
    customer: { name: form.name, phone: form.phone },
    productCode: form.productCode,
    installationAddress: { addressLine: form.addressLine, addressDetail: form.addressDetail, postalCode: form.postalCode },
    region: form.region,
    preferredInstallationDate: form.preferredInstallationDate,
  };
  const text = JSON.stringify(application);
  if (pending.application !== text) {
    pending = { application: text, requestId: crypto.randomUUID() };
  }
  try {
    const { order } = await api("/api/orders", { method: "POST", body: { ...application, requestId: pending.requestId } });
    pending = { application: "", requestId: "" };
    placed.className = "";
    placed.textContent = `Order ${order.orderId} placed.`;
  } catch (error) {
    placed.className = "error";
    placed.textContent = error.message;
  }
});

document.getElementById("open").addEventListener("submit", event => {
  event.preventDefault();
  open(new FormData(event.target).get("orderId").trim());
});

liveProgress(remember, error => {
  document.getElementById("orders").replaceChildren(el("li", { class: "error" }, error.message));
});
