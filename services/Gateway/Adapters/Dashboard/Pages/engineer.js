import { api, el, label, listAll, requireRole } from "./session.js";

requireRole("engineer");

const prefix = "INSTALLATION_STATUS_";

function row(workOrder) {
  const address = workOrder.installationAddress ?? {};
  return el("tr", { "data-order-id": workOrder.orderId, "data-status": workOrder.status },
    el("td", {}, workOrder.orderId),
    el("td", {}, workOrder.scheduledDate ?? ""),
    el("td", {}, workOrder.customer?.name ?? "", el("br"), el("span", { class: "muted" }, workOrder.customer?.phone ?? "")),
    el("td", {}, `${address.addressLine ?? ""} ${address.addressDetail ?? ""}`, el("br"), el("span", { class: "muted" }, workOrder.productCode ?? "")),
    el("td", { class: "status" }, label(workOrder.status, prefix)),
    el("td", {}, workOrder.status === prefix + "SCHEDULED"
      ? el("button", { type: "button", onclick: event => complete(workOrder.orderId, event.target) }, "Complete")
      : null));
}

async function complete(orderId, button) {
  button.disabled = true;
  try {
    const { installation } = await api(`/api/work-orders/${encodeURIComponent(orderId)}/complete`, { method: "POST", body: {} });
    document.querySelector(`#work-orders tr[data-order-id="${CSS.escape(orderId)}"]`).replaceWith(row(installation));
    document.getElementById("message").textContent = "";
  } catch (error) {
    button.disabled = false;
    document.getElementById("message").textContent = error.message;
  }
}

async function load() {
  try {
    const workOrders = await listAll("/api/work-orders", "installations");
    workOrders.sort((a, b) => (a.scheduledDate ?? "").localeCompare(b.scheduledDate ?? ""));
    document.getElementById("work-orders").replaceChildren(
      el("thead", {}, el("tr", {}, ["Order", "Visit", "Customer", "Address", "Status", ""].map(name => el("th", {}, name)))),
      el("tbody", {}, workOrders.length ? workOrders.map(row) : el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No work orders."))));
    document.getElementById("message").textContent = "";
  } catch (error) {
    document.getElementById("message").textContent = error.message;
  }
}

document.getElementById("refresh").addEventListener("click", load);
load();
