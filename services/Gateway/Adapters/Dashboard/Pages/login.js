import { roleHome, signIn } from "./session.js";

document.getElementById("sign-in").addEventListener("submit", event => {
  event.preventDefault();
  const claims = signIn(document.getElementById("token").value.trim());
  const home = claims && claims.roles.map(role => roleHome[role]).find(Boolean);
  if (home) {
    location.assign(home);
  } else {
    document.getElementById("message").textContent = "That is not a valid, unexpired token for a customer, an engineer or staff.";
  }
});
