package assetbuild

// Apps are the web applications' front ends. A page names a bundle by its
// Name; the application serves it under Prefix by its hashed name.
var Apps = []App{
	{Name: "chat", Dir: "web/chat", Prefix: "/static", Bundles: []Bundle{
		{Name: "chat.css", Entry: "chat.css"},
		// The widget other sites embed (also the hosted chat page): one
		// classic script bundled from widget/'s modules, linking its own
		// stylesheet.
		{Name: "chat.js", Entry: "widget/main.js", Links: map[string]string{"__LOS_CSS__": "chat.css"}},
		{Name: "site.css", Entry: "site.css"},
		{Name: "icon.svg", Entry: "icon.svg"},
	}},
	{Name: "agent", Dir: "web/agent", Prefix: "/agent/assets", Bundles: []Bundle{
		{Name: "agent.css", Entry: "agent.css"},
		// The inbox's modules, inbox/main.js and what it imports, as one
		// classic script.
		{Name: "inbox.js", Entry: "inbox/main.js"},
	}},
	{Name: "editor", Dir: "web/editor", Prefix: "/editor/static", Bundles: []Bundle{
		{Name: "editor.css", Entry: "editor.css"},
		// The editor's ES modules, main.js and what it imports, as one
		// module.
		{Name: "editor.js", Entry: "editor/main.js", Module: true},
	}},
	{Name: "admin", Dir: "web/admin", Prefix: "/admin/analytics/assets", Bundles: []Bundle{
		{Name: "analytics.css", Entry: "analytics.css"},
	}},
}

// Find returns the app named name.
func Find(name string) (App, bool) {
	for _, a := range Apps {
		if a.Name == name {
			return a, true
		}
	}
	return App{}, false
}
