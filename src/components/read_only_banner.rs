//! Says once, at the top of a page, that the token cannot change things on a service, and how the console
//! knows; the controls it rules out are disabled and point here. When the console only inferred it (hidden
//! connection parameters), "Try anyway" turns them back on until the server itself refuses.

use crate::api::use_permissions;
use console_api::permission::WriteAccess;
use console_api::Service;
use leptos::prelude::*;

/// The id of a service's banner, for `aria-describedby` on the controls it disables.
pub fn read_only_banner_id(service: Service) -> &'static str {
    match service {
        Service::SdElements => "read-only-sde",
        Service::AccessService => "read-only-access",
    }
}

#[component]
pub fn ReadOnlyBanner(service: Service) -> impl IntoView {
    let permissions = use_permissions();
    let access = match service {
        Service::SdElements => permissions.sde,
        Service::AccessService => permissions.access,
    };
    move || {
        let now = access.get();
        now.banner(service).map(|text| {
            view! {
                <div class="notice read-only" id=read_only_banner_id(service) data-testid="read-only">
                    <span>{text}</span>
                    {(now == WriteAccess::HiddenParams).then(|| view! {
                        " "
                        <button type="button" class="link-button" on:click=move |_| {
                            access.set(WriteAccess::TryAnyway);
                            crate::focus::to_page_heading();
                        }>
                            "Try anyway"
                        </button>
                    })}
                </div>
            }
        })
    }
}
