// Starts Swagger UI on the app's OpenAPI schema (a file, as the Content-Security-Policy allows no inline script).
"use strict";
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null });
});
