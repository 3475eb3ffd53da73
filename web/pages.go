package web

import "github.com/labstack/echo/v4"

// pageRoutes serves the customer pages.
func (s *Server) pageRoutes(e *echo.Echo) {}
