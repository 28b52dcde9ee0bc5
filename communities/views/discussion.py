"""The members' discussion (gesprek): posts, replies, editing, reporting, hiding; unsubscribe."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from communities import mail, permissions, services
from communities.forms import EmailPreferenceForm, HideForm, PostForm, ReportForm
from communities.models import EmailPreference, Membership, Post
from communities.services import CommunityError
from communities.views.common import participated_network, roles_in


def _post_form(data=None, *, reply=False, **kwargs):
    return PostForm(data, edit_minutes=settings.COMMUNITIES_POST_EDIT_MINUTES, reply=reply, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def discussion(request, slug):
    network = participated_network(request, slug)
    roles = roles_in(request, network)
    form = _post_form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if network.is_archived:
            form.add_error(None, _("Dit netwerk is gearchiveerd; er kunnen geen berichten meer bij."))
        if form.is_valid():
            post = services.create_post(
                network=network, author=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
            )
            messages.success(request, _("Je bericht staat in het gesprek."))
            return redirect("communities:thread", slug=slug, pk=post.pk)
        status = 400
    threads = Post.objects.filter(network=network).for_discussion(include_hidden=roles["can_manage"])
    membership = roles["membership"]
    preference_form = EmailPreferenceForm(
        initial={"email_preference": membership.email_preference if membership else EmailPreference.WEEKLY}
    )
    return render(
        request,
        "communities/discussion.html",
        {"network": network, "threads": threads, "form": form, "preference_form": preference_form, **roles},
        status=status,
    )


def _thread_context(request, network, post, **extra):
    roles = roles_in(request, network)
    replies = post.replies.select_related("author", "author__organisation").order_by("created_at")
    if not roles["can_manage"]:
        replies = replies.shown()
    return {
        "network": network,
        "post": post,
        "replies": replies,
        "reply_form": extra.pop("reply_form", None) or _post_form(reply=True),
        "edit_minutes": settings.COMMUNITIES_POST_EDIT_MINUTES,
        **roles,
        **extra,
    }


def _visible_post(request, network, pk, *, threads_only=False) -> Post:
    posts = Post.objects.filter(network=network).select_related("author", "author__organisation", "parent")
    if not permissions.can_manage(request.user, network):
        posts = posts.shown()
    if threads_only:
        posts = posts.threads()
    return get_object_or_404(posts, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, slug, pk):
    network = participated_network(request, slug)
    post = _visible_post(request, network, pk, threads_only=True)
    if request.method == "POST":
        form = _post_form(request.POST, reply=True)
        if form.is_valid():
            try:
                services.create_post(network=network, author=request.user, body=form.cleaned_data["body"], parent=post)
            except CommunityError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Je reactie staat in het gesprek."))
                return redirect("communities:thread", slug=slug, pk=post.pk)
        return render(
            request, "communities/thread.html", _thread_context(request, network, post, reply_form=form), status=400
        )
    return render(request, "communities/thread.html", _thread_context(request, network, post))


def _thread_of(post: Post) -> int:
    return post.parent_id or post.pk


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug, pk):
    network = participated_network(request, slug)
    post = _visible_post(request, network, pk)
    if post.author_id != request.user.pk:
        raise Http404
    is_reply = post.parent_id is not None
    form = _post_form(request.POST or None, reply=is_reply, initial={"title": post.title, "body": post.body})
    status = 200
    if not post.is_editable_by(request.user):
        form.add_error(
            None,
            _("Je kunt een bericht alleen de eerste %(minutes)s minuten na het plaatsen bewerken.")
            % {"minutes": settings.COMMUNITIES_POST_EDIT_MINUTES},
        )
        status = 409
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.edit_post(
                    post=post, by=request.user, body=form.cleaned_data["body"], title=form.cleaned_data.get("title")
                )
            except CommunityError as refused:
                form.add_error(None, refused.message)
                status = 409
            else:
                messages.success(request, _("Je bericht is bijgewerkt."))
                return redirect("communities:thread", slug=slug, pk=_thread_of(post))
        else:
            status = 400
    return render(
        request, "communities/post_edit.html", {"network": network, "post": post, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request, slug, pk):
    network = participated_network(request, slug)
    post = _visible_post(request, network, pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
            except CommunityError as refused:
                form.add_error(None, refused.message)
                status = 409
            else:
                messages.success(request, _("Dank je. De coördinator bekijkt je melding."))
                return redirect("communities:thread", slug=slug, pk=_thread_of(post))
        else:
            status = 400
    return render(
        request, "communities/post_report.html", {"network": network, "post": post, "form": form}, status=status
    )


def _managed_post(request, slug, pk) -> tuple:
    network = participated_network(request, slug)
    if not permissions.can_manage(request.user, network):
        return network, None
    return network, get_object_or_404(Post.objects.filter(network=network), pk=pk)


@login_required
@require_POST
def post_hide(request, slug, pk):
    network, post = _managed_post(request, slug, pk)
    if post is None:
        raise Http404
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.hide_post(post=post, by=request.user, reason=reason)
    messages.success(request, _("Het bericht is verborgen voor de leden."))
    return redirect("communities:thread", slug=slug, pk=_thread_of(post))


@login_required
@require_POST
def post_unhide(request, slug, pk):
    network, post = _managed_post(request, slug, pk)
    if post is None:
        raise Http404
    services.unhide_post(post=post, by=request.user)
    messages.success(request, _("Het bericht is weer zichtbaar."))
    return redirect("communities:thread", slug=slug, pk=_thread_of(post))


# Mail clients may post here without a session or CSRF token (RFC 8058 one-click unsubscribe);
# the signed token in the address is the only authority, and all it can do is stop e-mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    membership_id = mail.membership_id_for_unsubscribe(token)
    membership = get_object_or_404(Membership.objects.select_related("network"), pk=membership_id or 0)
    done = False
    if request.method == "POST":
        services.set_email_preference(membership=membership, preference=EmailPreference.NONE)
        done = True
    return render(request, "communities/unsubscribe.html", {"membership": membership, "done": done})
