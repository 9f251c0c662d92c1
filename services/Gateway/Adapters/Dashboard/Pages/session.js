// Who is signed in, and how the pages talk to the gateway.
//
// The bearer token lives in this tab's sessionStorage only: it is gone when the tab closes, no other site can read
// it, and the browser never sends it by itself (so no request can be forged with it). Every call, the live stream
// included, carries it as an Authorization header; the stream is read with fetch rather than EventSource, which
// cannot send one, so the token never appears in a URL or a log. The claims are read here only to greet the person
// and pick their page: the gateway checks the signature and the role on every call.

const tokenKey = "purifierrental.token";

const roleHome = { staff: "board.html", customer: "customer.html", engineer: "engineer.html" };

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** The claims of a token, or null when it is not a readable, unexpired JWT with a subject. */
function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
    const roles = [claims.roles ?? []].flat();
    const live = typeof claims.exp !== "number" || claims.exp * 1000 > Date.now();
    return claims.sub && live ? { subject: claims.sub, roles } : null;
  } catch {
    return null;
  }
}

/** Keeps the token for this tab and returns the page of the person's role; null (nothing kept) when it has none. */
export function signIn(token) {
  const home = claimsOf(token)?.roles.map(role => roleHome[role]).find(Boolean);
  if (home) {
    sessionStorage.setItem(tokenKey, token);
  }
  return home ?? null;
}

export function signOut() {
  sessionStorage.removeItem(tokenKey);
  location.assign("./");
}

/** The signed-in person if they hold <role>; otherwise back to the sign-in page. */
export function requireRole(role) {
  const token = sessionStorage.getItem(tokenKey);
  const claims = token && claimsOf(token);
  if (!claims || !claims.roles.includes(role)) {
    sessionStorage.removeItem(tokenKey);
    location.replace("./");
    throw new Error("not signed in as " + role);
  }
  document.getElementById("who").textContent = `${claims.subject} (${role})`;
  document.getElementById("sign-out").addEventListener("click", signOut);
  return claims;
}

function headers(extra) {
  return { Authorization: "Bearer " + sessionStorage.getItem(tokenKey), ...extra };
}

/** One JSON call; a refusal throws ApiError with the gateway's plain message. */
export async function api(path, { method = "GET", body } = {}) {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiError(response.status, json.detail ?? json.title ?? response.statusText);
  }
  return json;
}

/** Every item of a paged listing, following nextPageToken up to <maxPages> pages. */
export async function listAll(path, field, maxPages = 20) {
  const items = [];
  let pageToken = "";
  for (let page = 0; page < maxPages; page++) {
    const separator = path.includes("?") ? "&" : "?";
    const response = await api(path + separator + "pageSize=200" + (pageToken ? "&pageToken=" + encodeURIComponent(pageToken) : ""));
    items.push(...(response[field] ?? []));
    pageToken = response.nextPageToken ?? "";
    if (!pageToken) {
      break;
    }
  }
  return items;
}

/**
 * Reads a server-sent event stream and calls onEvent(type, data) for each event, reconnecting after a pause when
 * the stream ends or fails; onState("reconnecting") tells the page when it broke off.
 */
async function watch(path, onEvent, onState) {
  for (;;) {
    try {
      const response = await fetch(path, { headers: headers({ Accept: "text/event-stream" }), cache: "no-store" });
      if (response.status === 401) {
        signOut();
        return;
      }
      if (!response.ok) {
        throw new ApiError(response.status, response.statusText);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = frame.split("\n");
          const type = lines.find(line => line.startsWith("event:"))?.slice(6).trim() ?? "message";
          const data = lines.filter(line => line.startsWith("data:")).map(line => line.slice(5).trimStart()).join("\n");
          if (data) {
            onEvent(type, JSON.parse(data));
          }
        }
      }
    } catch (error) {
      console.warn("The live stream broke off:", error);
    }
    onState("reconnecting");
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

/**
 * A view kept current by the progress stream: the listing is read at once, and again each time the stream says its
 * watch is in place ("watching", at every (re)connection), so that no change falls between the listing and the
 * stream; from then on the stream alone keeps the view current. #live shows which.
 */
export function liveProgress(onProgress, onListingError) {
  const show = state => {
    const indicator = document.getElementById("live");
    indicator.dataset.state = state;
    indicator.textContent = state;
  };
  const reload = () => listAll("/api/order-statuses", "orders").then(list => list.forEach(onProgress), onListingError);
  watch("/api/order-statuses/watch", (type, data) => {
    if (type === "watching") {
      show("live");
      reload();
    } else if (type === "progress") {
      onProgress(data);
    }
  }, show);
  reload();
}

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null));
  return element;
}

/** "PROGRESS_STATUS_INSTALLATION_SCHEDULED" → "Installation scheduled". */
export function label(enumName, prefix) {
  const words = (enumName ?? "").replace(prefix, "").toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function time(timestamp) {
  return timestamp ? new Date(timestamp).toLocaleString() : "";
}

/** The order's timeline: each change of status, when, and why. */
export function timeline(progress) {
  return el("ol", { class: "timeline" }, (progress.transitions ?? []).map(step =>
    el("li", { "data-status": step.status },
      el("time", {}, time(step.changedAt)), " ",
      el("strong", {}, label(step.status, "PROGRESS_STATUS_")),
      step.cancellationPending ? el("span", { class: "flag" }, " cancellation pending") : null,
      el("span", { class: "muted" }, " ", step.eventType ?? ""),
      step.reason ? el("span", {}, " — ", step.reason) : null)));
}
